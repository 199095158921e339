import { Unkey } from "@unkey/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { advanceClock, now, resetClock } from "@/lib/clock";
import { rootAuthFor } from "@/lib/auth/root-key";
import { BACKENDS } from "@/lib/testing/test-db";
import { useTestApp } from "@/lib/testing/test-app";
import { windowLeft } from "@/lib/testing/window-left";
import { post, seedWorkspace } from "@/lib/testing/fixtures";
import { verifyKey } from "@/lib/verification/verify-key";

describe.each(BACKENDS)("keys under concurrency on %s", (backend) => {
  const app = useTestApp(backend);
  let unkey: Unkey;
  let rootKey: string;
  let ws: Awaited<ReturnType<typeof seedWorkspace>>;
  let apiId: string;

  beforeAll(async () => {
    ws = await seedWorkspace();
    rootKey = ws.rootKey;
    unkey = new Unkey({ rootKey, serverURL: app.url });
    apiId = (await unkey.apis.createApi({ name: "concurrency" })).data.apiId;
  });
  /** Start just after a minute boundary so a window roll-over cannot land inside a test. */
  function alignToWindow() {
    advanceClock(60_000 - (now() % 60_000) + 5);
  }
  afterAll(() => resetClock());

  it("100 concurrent verifications of a key with 10 credits: exactly 10 VALID", async () => {
    const { key, keyId } = (await unkey.keys.createKey({ apiId, credits: { remaining: 10 } })).data;
    const results = await Promise.all(Array.from({ length: 100 }, () => unkey.keys.verifyKey({ key })));
    const codes = results.map((r) => r.data.code);
    expect(codes.filter((c) => c === "VALID").length).toBe(10);
    expect(codes.filter((c) => c === "USAGE_EXCEEDED").length).toBe(90);
    expect((await unkey.keys.getKey({ keyId })).data.credits).toEqual({ remaining: 0 });
  });

  it("rate limit under concurrency: 60 parallel verifications of a 10/min limit admit exactly 10", async () => {
    alignToWindow();
    const { key } = (
      await unkey.keys.createKey({ apiId, ratelimits: [{ name: "requests", limit: 10, duration: 60_000, autoApply: true }] })
    ).data;
    const before = now();
    const results = await Promise.all(Array.from({ length: 60 }, () => unkey.keys.verifyKey({ key })));
    const after = now();
    const valid = results.filter((r) => r.data.code === "VALID").length;
    expect(valid).toBe(10);
    const limited = results.find((r) => r.data.code === "RATE_LIMITED")!.data;
    expect(limited.ratelimits?.[0]).toMatchObject({ exceeded: true, name: "requests", limit: 10, duration: 60_000, remaining: 0, autoApply: true });
    // `reset` is the time left in the aligned window: its end minus the server's clock read, which
    // happened while the batch ran (so a range as wide as the batch, not an exact figure).
    const left = windowLeft(before, after, 60_000);
    for (const r of results) {
      expect(r.data.ratelimits?.[0]?.reset).toBeGreaterThanOrEqual(left.min);
      expect(r.data.ratelimits?.[0]?.reset).toBeLessThanOrEqual(left.max);
    }
  });

  it("request ratelimits by name with a cost, and identity limits shared across the identity's keys", async () => {
    alignToWindow();
    await unkey.identities.createIdentity({ externalId: "shared_rl", ratelimits: [{ name: "tenant", limit: 3, duration: 60_000, autoApply: true }] });
    const a = (await unkey.keys.createKey({ apiId, externalId: "shared_rl", ratelimits: [{ name: "heavy", limit: 5, duration: 60_000, autoApply: false }] })).data;
    const b = (await unkey.keys.createKey({ apiId, externalId: "shared_rl" })).data;
    const codes = [];
    for (const k of [a, b, a, b]) codes.push((await unkey.keys.verifyKey({ key: k.key })).data.code);
    expect(codes).toEqual(["VALID", "VALID", "VALID", "RATE_LIMITED"]);
    const c = (await unkey.keys.createKey({ apiId, ratelimits: [{ name: "heavy", limit: 5, duration: 60_000, autoApply: false }] })).data;
    expect((await unkey.keys.verifyKey({ key: c.key, ratelimits: [{ name: "heavy", cost: 4 }] })).data.code).toBe("VALID");
    const second = (await unkey.keys.verifyKey({ key: c.key, ratelimits: [{ name: "heavy", cost: 2 }] })).data;
    expect(second.code).toBe("RATE_LIMITED");
    const unknown = await post(app.url, "/v2/keys.verifyKey", { key: c.key, ratelimits: [{ name: "nope" }] }, rootKey);
    expect(unknown.status).toBe(400);
  });

  it("20 parallel rerolls of one key: exactly one new key, the rest 409 key_already_rerolled", async () => {
    const { keyId } = (await unkey.keys.createKey({ apiId, name: "roll-me" })).data;
    const results = await Promise.all(
      Array.from({ length: 20 }, () => post(app.url, "/v2/keys.rerollKey", { keyId, expiration: 60_000 }, rootKey)),
    );
    const ok = results.filter((r) => r.status === 200);
    expect(ok.length).toBe(1);
    for (const r of results.filter((x) => x.status !== 200)) {
      expect(r.status).toBe(409);
      expect(r.body.error.type).toBe("http://localhost:3000/docs/errors/unkey/data/key_already_rerolled");
    }
    const listed = (await unkey.apis.listKeys({ apiId, limit: 100 })).result.data.filter((k) => k.name === "roll-me");
    expect(listed.length).toBe(2); // the old key (in its grace period) and exactly one replacement
  });

  it.runIf(backend === "postgres")("credits and rate limits hold across two connection pools on one Postgres", async () => {
    // Two independent postgres.js pools on the same database stand in for two server processes.
    const url = process.env.DATABASE_URL!;
    const probe = (await app.db.db.execute(sql`select current_database() as name`)) as unknown as { name: string }[];
    const dbUrl = new URL(url);
    dbUrl.pathname = `/${probe[0]!.name}`;
    const second = await openDatabase({ url: dbUrl.toString(), poolSize: 10 });
    try {
      const auth = rootAuthFor({ id: ws.keyId, workspaceId: ws.workspaceId, permissions: ["*"] });
      const { key } = (await unkey.keys.createKey({ apiId, credits: { remaining: 10 } })).data;
      const pools = [app.db.db, second.db];
      const results = await Promise.all(Array.from({ length: 100 }, (_, i) => verifyKey({ db: pools[i % 2]!, auth, input: { key } })));
      expect(results.filter((r) => r.code === "VALID").length).toBe(10);

      alignToWindow();
      const limited = (
        await unkey.keys.createKey({ apiId, ratelimits: [{ name: "rl", limit: 7, duration: 60_000, autoApply: true }] })
      ).data.key;
      const rl = await Promise.all(Array.from({ length: 50 }, (_, i) => verifyKey({ db: pools[i % 2]!, auth, input: { key: limited } })));
      expect(rl.filter((r) => r.code === "VALID").length).toBe(7);
    } finally {
      await second.close();
    }
  });
});
