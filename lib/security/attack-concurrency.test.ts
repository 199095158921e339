import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keys } from "@/db/schema";
import { assertRerollInvariant } from "@/lib/testing/reroll-invariant";
import { type Harness, openHarness, ORIGIN, seedTenant, type Tenant } from "@/lib/testing/harness";
import { post } from "@/lib/testing/fixtures";
import { BACKENDS } from "@/lib/testing/test-db";

/** Attack suite — races on key state. */
describe.each(BACKENDS)("attack: concurrency on %s", (backend) => {
  let h: Harness;
  let t: Tenant;
  const liveFrom = async (root: string) => {
    // Follow the chain from `root`; return the live keys on it.
    const rows = await h.db.db.select().from(keys).where(eq(keys.workspaceId, t.workspaceId));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const live: string[] = [];
    for (let id: string | null = root; id; id = byId.get(id)?.replacedBy ?? null) if (byId.get(id)?.deletedAt === null) live.push(id);
    return live;
  };

  beforeAll(async () => {
    h = await openHarness(backend);
    t = await seedTenant(h.url, "Acme");
  });
  afterAll(() => h.close());

  it("15 parallel keys.rerollKey of one key → exactly one new key; the rest 409 key_already_rerolled or (old key revoked at once) 404", async () => {
    const { keyId, key } = await h.keyFor(t, "user_r");
    const results = await Promise.all(Array.from({ length: 15 }, () => post(h.url, "/v2/keys.rerollKey", { keyId, expiration: 0 }, t.rootKey)));
    const winners = results.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 200)) {
      expect(r.body.error.type, r.text).toMatch(/\/unkey\/data\/(key_already_rerolled|key_not_found)$/);
    }
    expect(await liveFrom(keyId)).toEqual([winners[0]?.body.data.keyId]);
    expect((await h.verify(t, key)).valid).toBe(false);
    expect((await h.verify(t, winners[0]?.body.data.key)).valid).toBe(true);
    await assertRerollInvariant(h.db.db, t.workspaceId);
  });

  it("15 parallel portal.rerollKey of one key (Bearer and cookie mixed) → one winner", async () => {
    const { keyId } = await h.keyFor(t, "user_p");
    const s = await h.session(t, "user_p");
    const results = await Promise.all(
      Array.from({ length: 15 }, (_, i) =>
        i % 2 ? post(h.url, "/v2/portal.rerollKey", { keyId, expiration: 0 }, s.token) : post(h.url, "/v2/portal.rerollKey", { keyId, expiration: 0 }, undefined, { Cookie: s.cookie, Origin: ORIGIN }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 200)) expect([404, 409], r.text).toContain(r.status);
    expect(await liveFrom(keyId)).toHaveLength(1);
    await assertRerollInvariant(h.db.db, t.workspaceId);
  });

  it("keys.deleteKey racing keys.rerollKey, 8 rounds → never two live keys from one, never a live replaced key", async () => {
    for (let round = 0; round < 8; round++) {
      const { keyId } = await h.keyFor(t, "user_d");
      const ops = [
        post(h.url, "/v2/keys.rerollKey", { keyId, expiration: 0 }, t.rootKey),
        post(h.url, "/v2/keys.deleteKey", { keyId }, t.rootKey),
        post(h.url, "/v2/keys.rerollKey", { keyId, expiration: 0 }, t.rootKey),
      ];
      const [reroll1, del, reroll2] = await Promise.all(round % 2 ? ops : ops.reverse());
      for (const r of [reroll1, del, reroll2]) expect([200, 404, 409], r?.text).toContain(r?.status);
      // Exactly one wins (as in the portal race below); a winning reroll's successor is the one live key.
      expect([reroll1, del, reroll2].filter((r) => r?.status === 200), JSON.stringify([reroll1?.status, del?.status, reroll2?.status])).toHaveLength(1);
      const rolled = [reroll1, reroll2].find((r) => r?.status === 200);
      expect(await liveFrom(keyId)).toEqual(rolled ? [rolled.body.data.keyId] : []);
      const rows = await h.db.db.select().from(keys).where(and(eq(keys.workspaceId, t.workspaceId), eq(keys.id, keyId)));
      // The original is never live once anything won.
      expect(rows[0]?.deletedAt).not.toBeNull();
    }
    await assertRerollInvariant(h.db.db, t.workspaceId);
  });

  it("portal.deleteKey racing portal.rerollKey → consistent end state", async () => {
    const s = await h.session(t, "user_pd");
    for (let round = 0; round < 6; round++) {
      const { keyId } = await h.keyFor(t, "user_pd");
      const results = await Promise.all([
        post(h.url, "/v2/portal.deleteKey", { keyId }, s.token),
        post(h.url, "/v2/portal.rerollKey", { keyId, expiration: 0 }, s.token),
        post(h.url, "/v2/portal.rerollKey", { keyId, expiration: 0 }, s.token),
      ]);
      for (const r of results) expect([200, 404, 409], r.text).toContain(r.status);
      // Exactly one of the three wins. A delete first leaves both rerolls nothing (404) and no live key;
      // a reroll first revokes the key at once (expiration 0), so the delete and the other reroll find
      // nothing either, and its successor is the one live key.
      const winners = results.filter((r) => r.status === 200);
      expect(winners, JSON.stringify(results.map((r) => r.status))).toHaveLength(1);
      const rolled = results.slice(1).find((r) => r.status === 200);
      expect(await liveFrom(keyId)).toEqual(rolled ? [rolled.body.data.keyId] : []);
    }
    await assertRerollInvariant(h.db.db, t.workspaceId);
  });

  it("parallel portal.createKey at the cap → never more live keys than the portal allows", async () => {
    const capped = await seedTenant(h.url, "Capped", "capped", { maxKeys: 3 });
    const s = await h.session(capped, "user_cap");
    const results = await Promise.all(Array.from({ length: 12 }, () => post(h.url, "/v2/portal.createKey", { name: "race" }, s.token)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(3);
    for (const r of results.filter((x) => x.status !== 200)) {
      expect(r.status, r.text).toBe(403);
      expect(r.body.error.type).toMatch(/\/unkey\/limits\/key_limit_exceeded$/);
    }
    const live = await h.db.db.select().from(keys).where(and(eq(keys.workspaceId, capped.workspaceId), isNull(keys.deletedAt)));
    expect(live).toHaveLength(3);
  });

  it("parallel credit spending never goes below zero", async () => {
    const created = await post(h.url, "/v2/keys.createKey", { apiId: t.apiId, credits: { remaining: 5 } }, t.rootKey);
    const results = await Promise.all(Array.from({ length: 20 }, () => post(h.url, "/v2/keys.verifyKey", { key: created.body.data.key }, t.rootKey)));
    expect(results.filter((r) => r.body.data.valid)).toHaveLength(5);
    expect(results.filter((r) => r.body.data.code === "USAGE_EXCEEDED")).toHaveLength(15);
    const [row] = await h.db.db.select().from(keys).where(eq(keys.id, created.body.data.keyId));
    expect(row?.creditsRemaining).toBe(0);
  });
});
