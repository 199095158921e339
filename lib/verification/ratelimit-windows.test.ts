import { sql } from "drizzle-orm";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { advanceClock, now, resetClock } from "@/lib/clock";
import { post, seedWorkspace } from "@/lib/testing/fixtures";
import { useTestApp } from "@/lib/testing/test-app";
import { BACKENDS } from "@/lib/testing/test-db";

const W = 60_000;
/** A window start for every duration used here (10 s and 60 s): the tests place requests relative to it. */
const S = Date.UTC(2030, 0, 1);

type Limit = { name: string; limit: number; duration: number; autoApply: boolean };
type Ask = { name: string; cost?: number; limit?: number; duration?: number };

/**
 * Rate-limit windows through keys.verifyKey, with the exact numbers the algorithm of
 * lib/verification/apply-ratelimits.ts gives (docs/api.md "How keys.verifyKey decides"): windows
 * aligned to multiples of `duration`, a request admitted when
 *   current + cost + floor(previous × (1 − elapsed/duration)) ≤ limit,
 * `remaining` = limit − current − floor(previous × weight) after the request, and `reset` = the ms
 * until the aligned window ends. Date is frozen (only Date: timers and the database run for real) so
 * lib/clock.ts's now() is exact and every `reset` can be asserted to the millisecond.
 */
describe.each(BACKENDS)("rate-limit windows on %s", (backend) => {
  const app = useTestApp(backend);
  let rootKey: string;
  let apiId: string;

  beforeAll(async () => {
    ({ rootKey } = await seedWorkspace("Windows"));
    const api = await post(app.url, "/v2/apis.createApi", { name: "windows" }, rootKey);
    apiId = api.body.data.apiId;
  });
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"], now: S });
    resetClock();
  });
  afterEach(() => {
    vi.useRealTimers();
    resetClock();
  });

  /** Moves lib/clock.ts's now() to exactly `t`. */
  const setTime = (t: number) => advanceClock(t - now());

  async function keyWith(ratelimits: Limit[], extra: Record<string, unknown> = {}) {
    const res = await post(app.url, "/v2/keys.createKey", { apiId, ratelimits, ...extra }, rootKey);
    expect(res.status, res.text).toBe(200);
    const got = await post(app.url, "/v2/keys.getKey", { keyId: res.body.data.keyId }, rootKey);
    return { keyId: res.body.data.keyId as string, key: res.body.data.key as string, ratelimitIds: (got.body.data.ratelimits ?? []).map((r: { id: string }) => r.id) as string[] };
  }

  async function verify(key: string, ratelimits?: Ask[]) {
    const res = await post(app.url, "/v2/keys.verifyKey", { key, ...(ratelimits ? { ratelimits } : {}) }, rootKey);
    expect(res.status, res.text).toBe(200);
    return res.body.data;
  }

  /** code, remaining, reset of the one rate limit a verification answered. */
  async function step(key: string, ratelimits?: Ask[]) {
    const d = await verify(key, ratelimits);
    expect(d.ratelimits).toHaveLength(1);
    return [d.code, d.ratelimits[0].remaining, d.ratelimits[0].reset];
  }

  async function counters(subject: string): Promise<{ name: string; window_start: number; count: number }[]> {
    const res = (await app.db.db.execute(sql`select name, window_start, count from ratelimit_counters where subject = ${subject} order by window_start, name`)) as unknown;
    const rows = (Array.isArray(res) ? res : (res as { rows: unknown[] }).rows) as { name: string; window_start: unknown; count: unknown }[];
    return rows.map((r) => ({ name: r.name, window_start: Number(r.window_start), count: Number(r.count) }));
  }

  it("carries the previous window over by its unspent share: 8 of 10 used, then 4 more at 25 % and 4 more at 75 % of the next window", async () => {
    const { keyId, key } = await keyWith([{ name: "api", limit: 10, duration: W, autoApply: true }]);
    setTime(S + 1_000);
    const first = [];
    for (let i = 0; i < 8; i++) first.push(await step(key));
    expect(first).toEqual([9, 8, 7, 6, 5, 4, 3, 2].map((r) => ["VALID", r, 59_000]));

    // 25 % into the next window: floor(8 × 0.75) = 6 carried, so 10 − 6 = 4 fit.
    setTime(S + W + 15_000);
    const quarter = [];
    for (let i = 0; i < 5; i++) quarter.push(await step(key));
    expect(quarter).toEqual([...[3, 2, 1, 0].map((r) => ["VALID", r, 45_000]), ["RATE_LIMITED", 0, 45_000]]);

    // 75 % in: floor(8 × 0.25) = 2 carried beside the 4 counted here, so 4 more fit.
    setTime(S + W + 45_000);
    const threeQuarters = [];
    for (let i = 0; i < 5; i++) threeQuarters.push(await step(key));
    expect(threeQuarters).toEqual([...[3, 2, 1, 0].map((r) => ["VALID", r, 15_000]), ["RATE_LIMITED", 0, 15_000]]);

    // Refused requests counted nothing: 8 in each window.
    expect(await counters(`key:${keyId}`)).toEqual([
      { name: `api:${W}`, window_start: S, count: 8 },
      { name: `api:${W}`, window_start: S + W, count: 8 },
    ]);
  });

  it("`reset` is the ms to the window's end; at that instant the full previous window still weighs, one ms later the limit opens, after an idle window it is whole again", async () => {
    const { key } = await keyWith([{ name: "api", limit: 3, duration: W, autoApply: true }]);
    setTime(S + 1_000);
    const used = [];
    for (let i = 0; i < 4; i++) used.push(await step(key));
    expect(used).toEqual([["VALID", 2, 59_000], ["VALID", 1, 59_000], ["VALID", 0, 59_000], ["RATE_LIMITED", 0, 59_000]]);

    advanceClock(59_000); // exactly the `reset` answered: the next window starts, weight 1
    expect(await step(key)).toEqual(["RATE_LIMITED", 0, W]);
    advanceClock(1); // floor(3 × (1 − 1/60000)) = 2 carried: room for one
    expect(await step(key)).toEqual(["VALID", 0, W - 1]);
    expect(await step(key)).toEqual(["RATE_LIMITED", 0, W - 1]);

    // The window after the next stays empty, so the one after it starts with the whole limit.
    setTime(S + 3 * W + 1_000);
    const fresh = [];
    for (let i = 0; i < 3; i++) fresh.push(await step(key));
    expect(fresh).toEqual([["VALID", 2, 59_000], ["VALID", 1, 59_000], ["VALID", 0, 59_000]]);
  });

  it("a request's `limit` replaces the configured one on the same counter; the stored limit then sees what it spent", async () => {
    const { key, ratelimitIds } = await keyWith([{ name: "api", limit: 10, duration: W, autoApply: true }]);
    setTime(S + 1_000);
    const ask = [{ name: "api", limit: 2 }];
    const first = await verify(key, ask);
    // One entry per name: the request's overrides replace the autoApply check, they do not add one.
    expect(first.ratelimits).toEqual([{ exceeded: false, id: ratelimitIds[0], name: "api", limit: 2, duration: W, reset: 59_000, remaining: 1, autoApply: true }]);
    expect(await step(key, ask)).toEqual(["VALID", 0, 59_000]);
    expect(await step(key, ask)).toEqual(["RATE_LIMITED", 0, 59_000]);
    // Without the override: limit 10 over the same counter, which holds 2.
    const plain = await verify(key);
    expect(plain.ratelimits).toEqual([{ exceeded: false, id: ratelimitIds[0], name: "api", limit: 10, duration: W, reset: 59_000, remaining: 7, autoApply: true }]);
  });

  it("a request's `duration` counts in windows of that length, apart from the configured duration's counter", async () => {
    const { keyId, key } = await keyWith([{ name: "api", limit: 2, duration: W, autoApply: true }]);
    setTime(S + 1_000);
    expect([await step(key), await step(key), await step(key)]).toEqual([["VALID", 1, 59_000], ["VALID", 0, 59_000], ["RATE_LIMITED", 0, 59_000]]);

    const ask = [{ name: "api", duration: 10_000 }];
    const short = await verify(key, ask);
    expect(short.code).toBe("VALID");
    expect(short.ratelimits).toEqual([expect.objectContaining({ name: "api", limit: 2, duration: 10_000, reset: 9_000, remaining: 1, exceeded: false })]);
    expect(await step(key, ask)).toEqual(["VALID", 0, 9_000]);
    expect(await step(key, ask)).toEqual(["RATE_LIMITED", 0, 9_000]);
    // 10 s windows reset on their own boundary; the 60 s counter is untouched by them.
    setTime(S + 10_000 + 500);
    expect(await step(key, ask)).toEqual(["VALID", 0, 9_500]); // floor(2 × 0.95) = 1 carried: room for one
    expect(await step(key)).toEqual(["RATE_LIMITED", 0, 49_500]);
    expect(await counters(`key:${keyId}`)).toEqual([
      { name: "api:10000", window_start: S, count: 2 },
      { name: `api:${W}`, window_start: S, count: 2 },
      { name: "api:10000", window_start: S + 10_000, count: 1 },
    ]);
  });

  it("a key limit and an identity limit of one name: the key's wins for that key; the identity's still binds its other keys, on its own counter", async () => {
    const identity = await post(app.url, "/v2/identities.createIdentity", { externalId: "rl_user", ratelimits: [{ name: "api", limit: 1, duration: W, autoApply: true }] }, rootKey);
    expect(identity.status, identity.text).toBe(200);
    const identityId = identity.body.data.identityId as string;
    const identityLimitId = (await post(app.url, "/v2/identities.getIdentity", { identity: identityId }, rootKey)).body.data.ratelimits[0].id as string;
    const own = await keyWith([{ name: "api", limit: 3, duration: W, autoApply: true }], { externalId: "rl_user" });
    const bare = await keyWith([], { externalId: "rl_user" });
    setTime(S + 1_000);

    const owned = [];
    for (let i = 0; i < 4; i++) owned.push(await verify(own.key));
    expect(owned.map((d) => [d.code, d.ratelimits[0].remaining])).toEqual([["VALID", 2], ["VALID", 1], ["VALID", 0], ["RATE_LIMITED", 0]]);
    expect(owned.every((d) => d.ratelimits.length === 1 && d.ratelimits[0].id === own.ratelimitIds[0] && d.ratelimits[0].limit === 3)).toBe(true);
    // Named in the request, the key's limit is still the one checked.
    expect((await verify(own.key, [{ name: "api" }])).ratelimits).toEqual([expect.objectContaining({ id: own.ratelimitIds[0], limit: 3, exceeded: true })]);

    // The identity's counter was not touched by the key's own limit: its other key gets its one request.
    const b1 = await verify(bare.key);
    expect(b1.code).toBe("VALID");
    expect(b1.ratelimits).toEqual([{ exceeded: false, id: identityLimitId, name: "api", limit: 1, duration: W, reset: 59_000, remaining: 0, autoApply: true }]);
    expect((await verify(bare.key)).code).toBe("RATE_LIMITED");
    expect(await counters(`key:${own.keyId}`)).toEqual([{ name: `api:${W}`, window_start: S, count: 3 }]);
    expect(await counters(`id:${identityId}`)).toEqual([{ name: `api:${W}`, window_start: S, count: 1 }]);
  });

  it("a cost above the limit is RATE_LIMITED at once and consumes nothing: no counter, no credits", async () => {
    const { keyId, key } = await keyWith([{ name: "api", limit: 5, duration: W, autoApply: true }], { credits: { remaining: 10 } });
    setTime(S + 1_000);
    const over = await verify(key, [{ name: "api", cost: 6 }]);
    expect(over).toMatchObject({ valid: false, code: "RATE_LIMITED", credits: 10 });
    expect(over.ratelimits).toEqual([expect.objectContaining({ name: "api", limit: 5, exceeded: true, remaining: 0, reset: 59_000 })]);
    expect(await counters(`key:${keyId}`)).toEqual([]);

    // The whole limit is still there: 1 + 4 = 5 fit, the next does not.
    const one = await verify(key);
    expect([one.code, one.ratelimits[0].remaining, one.credits]).toEqual(["VALID", 4, 9]);
    const four = await verify(key, [{ name: "api", cost: 4 }]);
    expect([four.code, four.ratelimits[0].remaining, four.credits]).toEqual(["VALID", 0, 8]);
    const more = await verify(key);
    expect([more.code, more.ratelimits[0].exceeded, more.credits]).toEqual(["RATE_LIMITED", true, 8]);
    expect(await counters(`key:${keyId}`)).toEqual([{ name: `api:${W}`, window_start: S, count: 5 }]);
  });
  it("rate limit and credits in one statement, 40 in parallel: 15 admitted by the limit, 10 of them paid, nothing more", async () => {
    const { keyId, key } = await keyWith([{ name: "api", limit: 15, duration: W, autoApply: true }], { credits: { remaining: 10 } });
    setTime(S + 1_000);
    const codes = (await Promise.all(Array.from({ length: 40 }, () => verify(key)))).map((r) => r.code as string);
    const tally = Object.fromEntries(["VALID", "USAGE_EXCEEDED", "RATE_LIMITED"].map((c) => [c, codes.filter((x) => x === c).length]));
    // Each admitted request consumes the limit even when its credit is refused (as Unkey counts it).
    expect(tally).toEqual({ VALID: 10, USAGE_EXCEEDED: 5, RATE_LIMITED: 25 });
    expect(await counters(`key:${keyId}`)).toEqual([{ name: `api:${W}`, window_start: S, count: 15 }]);
    const got = await post(app.url, "/v2/keys.getKey", { keyId }, rootKey);
    expect(got.body.data.credits).toEqual({ remaining: 0 });
  });
});
