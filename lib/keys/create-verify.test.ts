import { Unkey } from "@unkey/api";
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { BACKENDS } from "@/lib/testing/test-db";
import { useTestApp } from "@/lib/testing/test-app";
import { post, seedRootKey, seedWorkspace } from "@/lib/testing/fixtures";
import { runShutdownHooks } from "@/lib/lifecycle/shutdown";
import { flushVerificationEvents } from "@/lib/verification/record-event";

const TYPE = "http://localhost:3000/docs/errors/";

function rowsOf<T>(res: unknown): T[] {
  return Array.isArray(res) ? (res as T[]) : (res as { rows: T[] }).rows;
}

describe.each(BACKENDS)("keys.createKey + keys.verifyKey on %s", (backend) => {
  const app = useTestApp(backend);
  let rootKey: string;
  let workspaceId: string;
  let unkey: Unkey;
  let apiId: string;

  beforeAll(async () => {
    ({ rootKey, workspaceId } = await seedWorkspace());
    unkey = new Unkey({ rootKey, serverURL: app.url });
    apiId = (await unkey.apis.createApi({ name: "production" })).data.apiId;
  });

  it("creates a key shown once, stores only hash and start, and verifies it VALID with the SDK", async () => {
    const created = await unkey.keys.createKey({
      apiId,
      prefix: "kp",
      name: "first",
      externalId: "user_123",
      meta: { plan: "pro" },
      credits: { remaining: 5 },
      permissions: ["documents.read"],
    });
    expect(created.data.key).toMatch(/^kp_[1-9A-HJ-NP-Za-km-z]{20,}$/);
    expect(created.data.keyId).toMatch(/^key_/);
    const stored = rowsOf<Record<string, unknown>>(await app.db.db.execute(sql`select * from keys where id = ${created.data.keyId}`))[0]!;
    expect(JSON.stringify(stored)).not.toContain(created.data.key);
    expect(stored.start).toBe(created.data.key.slice(0, 7));

    const v = await unkey.keys.verifyKey({ key: created.data.key });
    expect(v.data).toMatchObject({
      valid: true,
      code: "VALID",
      keyId: created.data.keyId,
      name: "first",
      meta: { plan: "pro" },
      credits: 4,
      enabled: true,
      identity: { externalId: "user_123" },
    });
    expect(v.data.identity?.id).toMatch(/^id_/);
    expect(v.data.permissions).toBeUndefined();
  });

  it("answers NOT_FOUND for an unknown key and for a key of another workspace, and records events", async () => {
    const eventsOf = async () =>
      rowsOf<{ outcome: string; key_id: string | null }>(await app.db.db.execute(sql`select outcome, key_id from verification_events where workspace_id = ${workspaceId} order by id`));
    await flushVerificationEvents();
    const earlier = (await eventsOf()).length;
    const other = await seedWorkspace("Other");
    const theirs = new Unkey({ rootKey: other.rootKey, serverURL: app.url });
    const theirApi = (await theirs.apis.createApi({ name: "theirs" })).data.apiId;
    const theirKey = (await theirs.keys.createKey({ apiId: theirApi })).data.key;
    expect((await unkey.keys.verifyKey({ key: theirKey })).data).toEqual({ valid: false, code: "NOT_FOUND" });
    expect((await unkey.keys.verifyKey({ key: "kp_nope" })).data).toEqual({ valid: false, code: "NOT_FOUND" });
    await flushVerificationEvents();
    // One event per verification, in the caller's workspace, naming no key (not even the other workspace's).
    expect((await eventsOf()).slice(earlier)).toEqual([
      { outcome: "NOT_FOUND", key_id: null },
      { outcome: "NOT_FOUND", key_id: null },
    ]);
  });

  it("needs verify_key on the key's API: 403 otherwise", async () => {
    const { key } = (await unkey.keys.createKey({ apiId })).data;
    const { rootKey: weak } = await seedRootKey(workspaceId, ["api.api_other.verify_key"]);
    const res = await post(app.url, "/v2/keys.verifyKey", { key }, weak);
    expect(res.status).toBe(403);
    expect(res.body.error.type).toBe(TYPE + "unkey/authorization/insufficient_permissions");
    const { rootKey: none } = await seedRootKey(workspaceId, ["api.*.read_key"]);
    expect((await post(app.url, "/v2/keys.verifyKey", { key: "whatever" }, none)).status).toBe(403);
    const { rootKey: ok } = await seedRootKey(workspaceId, [`api.${apiId}.verify_key`]);
    expect((await post(app.url, "/v2/keys.verifyKey", { key }, ok)).body.data.code).toBe("VALID");
  });

  it("buffers events off the response path and the SIGTERM hook writes what is left", async () => {
    const { key, keyId } = (await unkey.keys.createKey({ apiId })).data;
    await flushVerificationEvents();
    for (let i = 0; i < 5; i++) expect((await unkey.keys.verifyKey({ key })).data.code).toBe("VALID");
    const count = async () =>
      Number(rowsOf<{ n: string | number }>(await app.db.db.execute(sql`select count(*) as n from verification_events where key_id = ${keyId}`))[0]?.n);
    // Whatever the 250 ms timer has not written yet, the shutdown hook writes; none is lost or doubled.
    await runShutdownHooks();
    expect(await count()).toBe(5);
    const used = rowsOf<{ last_used_at: unknown }>(await app.db.db.execute(sql`select last_used_at from keys where id = ${keyId}`))[0];
    expect(used?.last_used_at).not.toBeNull();
  });
});
