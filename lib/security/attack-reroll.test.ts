import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keys } from "@/db/schema";
import { advanceToNextWindow } from "@/lib/clock";
import { expectError, type Harness, HOUR, openHarness, seedTenant, type Tenant } from "@/lib/testing/harness";
import { assertRerollInvariant } from "@/lib/testing/reroll-invariant";
import { post } from "@/lib/testing/fixtures";
import { BACKENDS } from "@/lib/testing/test-db";

const DAY = 24 * HOUR;
const THIRTY_DAYS = 30 * DAY;

/**
 * Attack suite — rerolls must never add spending power (docs/security.md "Rerolls never add spending
 * power"): a chain of rolled keys in grace shares one balance, one set of rate-limit counters and one
 * place under the portal's key cap.
 */
describe.each(BACKENDS)("attack: rerolls on %s", (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(backend);
  });
  afterAll(() => h.close());

  const codesOf = async (t: Tenant, ks: string[], rounds: number) => {
    const codes: string[] = [];
    for (let r = 0; r < rounds; r++) for (const k of ks) codes.push((await h.verify(t, k)).code);
    return codes;
  };
  const count = (codes: string[], code: string) => codes.filter((c) => c === code).length;

  /** portal.createKey, then `rolls` chained portal.rerollKey with a day of grace: every secret, oldest first. */
  async function portalChain(t: Tenant, externalId: string, rolls: number) {
    const s = await h.session(t, externalId);
    const created = await post(h.url, "/v2/portal.createKey", { name: "mine" }, s.token);
    expect(created.status, created.text).toBe(200);
    const chain = [created.body.data as { keyId: string; key: string }];
    for (let i = 0; i < rolls; i++) {
      const rolled = await post(h.url, "/v2/portal.rerollKey", { keyId: chain[chain.length - 1]?.keyId, expiration: DAY }, s.token);
      expect(rolled.status, rolled.text).toBe(200);
      chain.push(rolled.body.data);
    }
    return { s, chain };
  }

  it("portal, maxKeys 1 and 3 template credits: createKey + 3 chained rerolls → 4 keys that verify, 3 VALID in total, createKey still refused", async () => {
    const t = await seedTenant(h.url, "Credits", "my-portal", { maxKeys: 1, keyTemplate: { credits: { remaining: 3 } } });
    const { s, chain } = await portalChain(t, "user_c", 3);
    const codes = await codesOf(
      t,
      chain.map((k) => k.key),
      3,
    );
    expect(count(codes, "VALID")).toBe(3);
    expect(count(codes, "USAGE_EXCEEDED")).toBe(9);
    // All four are still live (in grace), but they are one key: the cap holds.
    const listed = await post(h.url, "/v2/portal.listKeys", {}, s.token);
    expect(listed.body.data).toHaveLength(4);
    expectError(await post(h.url, "/v2/portal.createKey", { name: "more" }, s.token), 403, "unkey/limits/key_limit_exceeded");
    // The balance lives on the newest key; the rolled ones hold none.
    const rows = await h.db.db.select().from(keys).where(eq(keys.workspaceId, t.workspaceId));
    expect(rows.find((r) => r.id === chain[3]?.keyId)?.creditsRemaining).toBe(0);
    for (const k of chain.slice(0, 3)) expect(rows.find((r) => r.id === k.keyId)?.creditsRemaining).toBe(0);
    await assertRerollInvariant(h.db.db, t.workspaceId, { revokedAtOnce: false });
  });

  it("portal, template rate limit 2/min: createKey + 2 chained rerolls → 2 VALID in the minute, not 6", async () => {
    const t = await seedTenant(h.url, "Limits", "my-portal", { keyTemplate: { ratelimits: [{ name: "requests", limit: 2, duration: 60_000, autoApply: true }] } });
    const { chain } = await portalChain(t, "user_rl", 2);
    advanceToNextWindow(60_000);
    const codes = await codesOf(
      t,
      chain.map((k) => k.key),
      2,
    );
    expect(count(codes, "VALID")).toBe(2);
    expect(count(codes, "RATE_LIMITED")).toBe(4);
  });

  it("portal cap counts a key in grace and its successor once: maxKeys 2, one rolled key → one more key allowed, then refused", async () => {
    const t = await seedTenant(h.url, "Cap", "my-portal", { maxKeys: 2 });
    const { s } = await portalChain(t, "user_cap", 1);
    expect((await post(h.url, "/v2/portal.createKey", { name: "second" }, s.token)).status).toBe(200);
    expectError(await post(h.url, "/v2/portal.createKey", { name: "third" }, s.token), 403, "unkey/limits/key_limit_exceeded");
  });

  it("a key in its grace period cannot be rolled again (409); its successor can", async () => {
    const t = await seedTenant(h.url, "Again", "my-portal");
    const { s, chain } = await portalChain(t, "user_again", 1);
    expectError(await post(h.url, "/v2/portal.rerollKey", { keyId: chain[0]?.keyId, expiration: DAY }, s.token), 409, "unkey/data/key_already_rerolled");
    expectError(await h.rk(t, "keys.rerollKey", { keyId: chain[0]?.keyId, expiration: DAY }), 409, "unkey/data/key_already_rerolled");
    expect((await post(h.url, "/v2/portal.rerollKey", { keyId: chain[1]?.keyId, expiration: DAY }, s.token)).status).toBe(200);
  });

  it("root key: 3 chained keys.rerollKey with 30 days of grace → 3 VALID in total for 3 credits, 2 for a 2/min limit", async () => {
    const t = await seedTenant(h.url, "Root", "my-portal");
    const created = await h.rk(t, "keys.createKey", { apiId: t.apiId, credits: { remaining: 3 } });
    const chain = [created.body.data as { keyId: string; key: string }];
    for (let i = 0; i < 3; i++) {
      const rolled = await h.rk(t, "keys.rerollKey", { keyId: chain[chain.length - 1]?.keyId, expiration: THIRTY_DAYS });
      expect(rolled.status, rolled.text).toBe(200);
      chain.push(rolled.body.data);
    }
    const codes = await codesOf(
      t,
      chain.map((k) => k.key),
      3,
    );
    expect(count(codes, "VALID")).toBe(3);
    expect(count(codes, "USAGE_EXCEEDED")).toBe(9);
    const head = await h.rk(t, "keys.getKey", { keyId: chain[3]?.keyId });
    expect(head.body.data.credits).toEqual({ remaining: 0 });

    const limited = await h.rk(t, "keys.createKey", { apiId: t.apiId, ratelimits: [{ name: "requests", limit: 2, duration: 60_000, autoApply: true }] });
    const rl = [limited.body.data as { keyId: string; key: string }];
    for (let i = 0; i < 2; i++) rl.push((await h.rk(t, "keys.rerollKey", { keyId: rl[rl.length - 1]?.keyId, expiration: THIRTY_DAYS })).body.data);
    advanceToNextWindow(60_000);
    const rlCodes = await codesOf(
      t,
      rl.map((k) => k.key),
      2,
    );
    expect(count(rlCodes, "VALID")).toBe(2);
    await assertRerollInvariant(h.db.db, t.workspaceId, { revokedAtOnce: false });
  });

  it("credits added to the successor after the roll are spent by the old key too, and only once", async () => {
    const t = await seedTenant(h.url, "TopUp", "my-portal");
    const created = (await h.rk(t, "keys.createKey", { apiId: t.apiId, credits: { remaining: 1 } })).body.data;
    const rolled = (await h.rk(t, "keys.rerollKey", { keyId: created.keyId, expiration: HOUR })).body.data;
    expect((await h.rk(t, "keys.updateCredits", { keyId: rolled.keyId, operation: "increment", value: 2 })).body.data.remaining).toBe(3);
    const codes = await codesOf(t, [created.key, rolled.key], 3);
    expect(count(codes, "VALID")).toBe(3);
  });

  it("credits of the rolled key itself cannot be changed: 409 naming the replacement, nothing changed", async () => {
    const t = await seedTenant(h.url, "OldCredits", "my-portal");
    const created = (await h.rk(t, "keys.createKey", { apiId: t.apiId, credits: { remaining: 1 } })).body.data;
    const rolled = (await h.rk(t, "keys.rerollKey", { keyId: created.keyId, expiration: HOUR })).body.data;
    for (const [route, body] of [
      ["keys.updateCredits", { keyId: created.keyId, operation: "set", value: 50 }],
      ["keys.updateCredits", { keyId: created.keyId, operation: "increment", value: 5 }],
      ["keys.updateKey", { keyId: created.keyId, credits: { remaining: 50 } }],
      ["keys.updateKey", { keyId: created.keyId, credits: null }],
    ] as const) {
      const res = await h.rk(t, route, body);
      expectError(res, 409, "keyport/data/key_credits_moved");
      expect(res.body.error.context).toEqual({ replacedBy: rolled.keyId });
    }
    // Other fields of the old key can still change; its credits read as before (none: they moved).
    expect((await h.rk(t, "keys.updateKey", { keyId: created.keyId, name: "old" })).status).toBe(200);
    expect((await h.rk(t, "keys.getKey", { keyId: created.keyId })).body.data.credits).toEqual({ remaining: 0 });
    const codes = await codesOf(t, [created.key, rolled.key], 2);
    expect(count(codes, "VALID")).toBe(1);
  });

  it("parallel verifications of the old and the new key never exceed the balance", async () => {
    const t = await seedTenant(h.url, "Parallel", "my-portal");
    const created = (await h.rk(t, "keys.createKey", { apiId: t.apiId, credits: { remaining: 10 } })).body.data;
    const rolled = (await h.rk(t, "keys.rerollKey", { keyId: created.keyId, expiration: HOUR })).body.data;
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => h.verify(t, i % 2 ? created.key : rolled.key)));
    expect(results.filter((r) => r.code === "VALID")).toHaveLength(10);
    expect((await h.rk(t, "keys.getKey", { keyId: rolled.keyId })).body.data.credits).toEqual({ remaining: 0 });
  });

  it("verifications racing the roll itself never spend the balance twice", async () => {
    const t = await seedTenant(h.url, "RollRace", "my-portal");
    const created = (await h.rk(t, "keys.createKey", { apiId: t.apiId, credits: { remaining: 20 } })).body.data;
    const [early, roll] = await Promise.all([Promise.all(Array.from({ length: 30 }, () => h.verify(t, created.key))), h.rk(t, "keys.rerollKey", { keyId: created.keyId, expiration: HOUR })]);
    expect(roll.status, roll.text).toBe(200);
    const rolled = roll.body.data as { keyId: string; key: string };
    const later = await Promise.all(Array.from({ length: 30 }, (_, i) => h.verify(t, i % 2 ? created.key : rolled.key)));
    expect([...early, ...later].filter((r) => r.code === "VALID")).toHaveLength(20);
    expect((await h.rk(t, "keys.getKey", { keyId: rolled.keyId })).body.data.credits).toEqual({ remaining: 0 });
    await assertRerollInvariant(h.db.db, t.workspaceId, { revokedAtOnce: false });
  });
});
