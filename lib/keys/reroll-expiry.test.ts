import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { advanceClock, resetClock } from "@/lib/clock";
import { post } from "@/lib/testing/fixtures";
import { expectError, type Harness, HOUR, openHarness, seedTenant, type Tenant } from "@/lib/testing/harness";
import { BACKENDS } from "@/lib/testing/test-db";

const DAY = 24 * HOUR;
/** "now" for every test: Date is frozen (timers and the database run for real) so expiries are exact. */
const T = Date.UTC(2030, 0, 1, 12);
/** The documented caps (docs/api.md "keys.rerollKey"), written out so a changed constant fails here. */
const ROOT_CAP = 4_102_444_800_000;
const PORTAL_CAP = 86_400_000;

/**
 * How long an old key lives after a reroll (docs/api.md "keys.rerollKey"): `expiration` ms from the
 * roll, but never past the key's own expiry; at most 4102444800000 ms through keys.rerollKey and
 * 86400000 ms (24 h) through portal.rerollKey. Just past a cap is 400 invalid_input at
 * body.expiration and the key is not rolled.
 */
describe.each(BACKENDS)("reroll grace and expiry on %s", (backend) => {
  let h: Harness;
  let t: Tenant;

  beforeAll(async () => {
    h = await openHarness(backend);
    t = await seedTenant(h.url, "Grace", "grace-portal");
  });
  afterAll(() => h.close());
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"], now: T });
    resetClock();
  });
  afterEach(() => {
    vi.useRealTimers();
    resetClock();
  });

  async function rootKeyWith(expires?: number) {
    const res = await h.rk(t, "keys.createKey", { apiId: t.apiId, ...(expires === undefined ? {} : { expires }) });
    expect(res.status, res.text).toBe(200);
    return res.body.data as { keyId: string; key: string };
  }
  const reroll = (keyId: string, expiration: number) => h.rk(t, "keys.rerollKey", { keyId, expiration });
  const verify = async (key: string) => {
    const res = await h.rk(t, "keys.verifyKey", { key });
    expect(res.status, res.text).toBe(200);
    return res.body.data as { code: string; expires?: number };
  };
  const expiresOf = async (keyId: string) => (await h.rk(t, "keys.getKey", { keyId })).body.data.expires as number | undefined;

  it("a 24 h grace on a key that expires in 1 h keeps the 1 h: old and new key both end then", async () => {
    const old = await rootKeyWith(T + HOUR);
    const rolled = await reroll(old.keyId, DAY);
    expect(rolled.status, rolled.text).toBe(200);
    expect(await verify(old.key)).toMatchObject({ code: "VALID", expires: T + HOUR });
    expect([await expiresOf(old.keyId), await expiresOf(rolled.body.data.keyId)]).toEqual([T + HOUR, T + HOUR]);

    advanceClock(HOUR - 1);
    expect((await verify(old.key)).code).toBe("VALID");
    advanceClock(1);
    expect([(await verify(old.key)).code, (await verify(rolled.body.data.key)).code]).toEqual(["EXPIRED", "EXPIRED"]);
  });

  it("a 1 h grace on a key that expires in 2 days ends the old key in 1 h; the new key keeps the 2 days", async () => {
    const old = await rootKeyWith(T + 2 * DAY);
    const rolled = await reroll(old.keyId, HOUR);
    expect(rolled.status, rolled.text).toBe(200);
    expect([await expiresOf(old.keyId), await expiresOf(rolled.body.data.keyId)]).toEqual([T + HOUR, T + 2 * DAY]);
    advanceClock(HOUR);
    expect([(await verify(old.key)).code, (await verify(rolled.body.data.key)).code]).toEqual(["EXPIRED", "VALID"]);
  });

  it(`keys.rerollKey: ${ROOT_CAP} ms is accepted (and still capped by an earlier expiry); one ms more is 400 and rolls nothing`, async () => {
    const open = await rootKeyWith();
    expect((await reroll(open.keyId, ROOT_CAP)).status).toBe(200);
    expect(await expiresOf(open.keyId)).toBe(T + ROOT_CAP);

    const short = await rootKeyWith(T + HOUR);
    expect((await reroll(short.keyId, ROOT_CAP)).status).toBe(200);
    expect(await expiresOf(short.keyId)).toBe(T + HOUR);

    const kept = await rootKeyWith();
    const over = await reroll(kept.keyId, ROOT_CAP + 1);
    expectError(over, 400, "unkey/application/invalid_input");
    expect(over.body.error.errors[0].location).toBe("body.expiration");
    // Not rolled: it verifies without an expiry, and it can still be rolled (a rolled key is 409).
    const still = await verify(kept.key);
    expect([still.code, still.expires]).toEqual(["VALID", undefined]);
    expect((await reroll(kept.keyId, 0)).status).toBe(200);
  });

  it(`portal.rerollKey: ${PORTAL_CAP} ms is accepted and capped by an earlier expiry; one ms more is 400 and rolls nothing`, async () => {
    const s = await h.session(t, "grace_user");
    const create = async (body: Record<string, unknown>) => {
      const res = await post(h.url, "/v2/portal.createKey", body, s.token);
      expect(res.status, res.text).toBe(200);
      return res.body.data as { keyId: string; key: string };
    };
    const portalReroll = (keyId: string, expiration: number) => post(h.url, "/v2/portal.rerollKey", { keyId, expiration }, s.token);

    const open = await create({});
    expect((await portalReroll(open.keyId, PORTAL_CAP)).status).toBe(200);
    expect(await expiresOf(open.keyId)).toBe(T + DAY);

    const short = await create({ expires: T + HOUR });
    expect((await portalReroll(short.keyId, PORTAL_CAP)).status).toBe(200);
    expect(await expiresOf(short.keyId)).toBe(T + HOUR);

    const kept = await create({});
    const over = await portalReroll(kept.keyId, PORTAL_CAP + 1);
    expectError(over, 400, "unkey/application/invalid_input");
    expect(over.body.error.errors[0].location).toBe("body.expiration");
    expect(over.body.error.detail).toContain("86400000");
    expect(await expiresOf(kept.keyId)).toBeUndefined();
    expect((await portalReroll(kept.keyId, 0)).status).toBe(200);
  });
});
