import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { advanceClock, now, resetClock } from "@/lib/clock";
import { post, seedWorkspace } from "@/lib/testing/fixtures";
import { useTestApp } from "@/lib/testing/test-app";
import { BACKENDS } from "@/lib/testing/test-db";

type Refill = { interval: "daily" | "monthly"; amount: number; refillDay?: number };

/**
 * Credit refills on calendar boundaries (lib/verification/refill-period.ts): a monthly refill happens
 * on `refillDay` (default 1; past the month's last day it is that last day), a daily one at midnight
 * UTC. A refill sets the balance to `amount` (it does not add to it), at most once per period, and the
 * verification that triggers it then spends 1. Each key starts with 1 credit, spent at once, so every
 * later VALID proves a refill and every USAGE_EXCEEDED proves there was none. Times sit at least 2 s
 * away from every boundary, so the real time passing under lib/clock.ts's offset cannot cross one.
 */
describe.each(BACKENDS)("refills on calendar boundaries on %s", (backend) => {
  const app = useTestApp(backend);
  let rootKey: string;
  let apiId: string;

  beforeAll(async () => {
    ({ rootKey } = await seedWorkspace("Refills"));
    apiId = (await post(app.url, "/v2/apis.createApi", { name: "refills" }, rootKey)).body.data.apiId;
  });
  afterEach(() => resetClock());

  /** Moves the clock to an ISO time (UTC). */
  const setTime = (iso: string) => advanceClock(Date.parse(iso) - now());

  /** A key created at `iso` with 1 credit and `refill`, spent once: it holds 0 afterwards. */
  async function spentKey(iso: string, refill: Refill): Promise<string> {
    setTime(iso);
    const res = await post(app.url, "/v2/keys.createKey", { apiId, credits: { remaining: 1, refill } }, rootKey);
    expect(res.status, res.text).toBe(200);
    expect(await verifyAt(iso, res.body.data.key)).toEqual(["VALID", 0]);
    return res.body.data.key;
  }

  /** code and credits of a verification at `iso`. */
  async function verifyAt(iso: string, key: string): Promise<[string, number]> {
    setTime(iso);
    const res = await post(app.url, "/v2/keys.verifyKey", { key }, rootKey);
    expect(res.status, res.text).toBe(200);
    return [res.body.data.code, res.body.data.credits];
  }

  /** Verifies at each time in turn; the answers, for one toEqual against the expected table. */
  async function walk(key: string, times: string[]) {
    const out: [string, string, number][] = [];
    for (const iso of times) out.push([iso, ...(await verifyAt(iso, key))]);
    return out;
  }

  it("monthly on day 31: Jan 31, then Feb 28 (the last day of a common year's February), Mar 31, Apr 30", async () => {
    const key = await spentKey("2027-01-20T12:00:00Z", { interval: "monthly", amount: 10, refillDay: 31 });
    expect(
      await walk(key, [
        "2027-01-20T12:00:05Z",
        "2027-01-30T23:59:00Z",
        "2027-01-31T00:00:30Z",
        "2027-02-27T23:59:00Z",
        "2027-02-28T00:00:30Z",
        "2027-03-30T12:00:00Z",
        "2027-03-31T00:00:30Z",
        "2027-04-29T23:59:00Z",
        "2027-04-30T00:00:30Z",
      ]),
    ).toEqual([
      ["2027-01-20T12:00:05Z", "USAGE_EXCEEDED", 0],
      ["2027-01-30T23:59:00Z", "USAGE_EXCEEDED", 0],
      ["2027-01-31T00:00:30Z", "VALID", 9],
      ["2027-02-27T23:59:00Z", "VALID", 8],
      ["2027-02-28T00:00:30Z", "VALID", 9],
      ["2027-03-30T12:00:00Z", "VALID", 8],
      ["2027-03-31T00:00:30Z", "VALID", 9],
      ["2027-04-29T23:59:00Z", "VALID", 8],
      ["2027-04-30T00:00:30Z", "VALID", 9],
    ]);
  });

  it("monthly on day 31 in a leap year: nothing on Feb 28, the refill on Feb 29, nothing again on Mar 1", async () => {
    const key = await spentKey("2028-02-10T12:00:00Z", { interval: "monthly", amount: 10, refillDay: 31 });
    expect(await walk(key, ["2028-02-28T23:59:00Z", "2028-02-29T00:00:30Z", "2028-03-01T00:00:30Z"])).toEqual([
      ["2028-02-28T23:59:00Z", "USAGE_EXCEEDED", 0],
      ["2028-02-29T00:00:30Z", "VALID", 9],
      ["2028-03-01T00:00:30Z", "VALID", 8],
    ]);
  });

  it("monthly on day 29 and 30 (past February's length in a common year): both refill on Feb 28, then on their own day in March", async () => {
    const d29 = await spentKey("2027-02-01T12:00:00Z", { interval: "monthly", amount: 10, refillDay: 29 });
    const d30 = await spentKey("2027-02-01T12:00:00Z", { interval: "monthly", amount: 10, refillDay: 30 });
    const times = ["2027-02-27T23:59:00Z", "2027-02-28T00:00:30Z", "2027-03-28T23:59:00Z", "2027-03-29T00:00:30Z", "2027-03-30T00:00:30Z"];
    expect(await walk(d29, times)).toEqual([
      [times[0], "USAGE_EXCEEDED", 0],
      [times[1], "VALID", 9],
      [times[2], "VALID", 8],
      [times[3], "VALID", 9],
      [times[4], "VALID", 8],
    ]);
    expect(await walk(d30, times)).toEqual([
      [times[0], "USAGE_EXCEEDED", 0],
      [times[1], "VALID", 9],
      [times[2], "VALID", 8],
      [times[3], "VALID", 7],
      [times[4], "VALID", 9],
    ]);
  });

  it("monthly across the year boundary: day 1 refills at midnight of Jan 1; day 31 refills Dec 31, not again until Jan 31", async () => {
    const first = await spentKey("2027-12-15T12:00:00Z", { interval: "monthly", amount: 10 });
    expect(await walk(first, ["2027-12-31T23:59:58Z", "2028-01-01T00:00:02Z", "2028-01-31T23:59:58Z", "2028-02-01T00:00:02Z"])).toEqual([
      ["2027-12-31T23:59:58Z", "USAGE_EXCEEDED", 0],
      ["2028-01-01T00:00:02Z", "VALID", 9],
      ["2028-01-31T23:59:58Z", "VALID", 8],
      ["2028-02-01T00:00:02Z", "VALID", 9],
    ]);
    const last = await spentKey("2027-12-20T12:00:00Z", { interval: "monthly", amount: 10, refillDay: 31 });
    expect(await walk(last, ["2027-12-31T00:00:30Z", "2028-01-15T12:00:00Z", "2028-01-30T23:59:00Z", "2028-01-31T00:00:30Z"])).toEqual([
      ["2027-12-31T00:00:30Z", "VALID", 9],
      ["2028-01-15T12:00:00Z", "VALID", 8],
      ["2028-01-30T23:59:00Z", "VALID", 7],
      ["2028-01-31T00:00:30Z", "VALID", 9],
    ]);
  });

  it("daily: refills at midnight UTC, once per day, to the amount (skipped days do not add up)", async () => {
    const key = await spentKey("2027-06-10T23:59:00Z", { interval: "daily", amount: 5 });
    expect(
      await walk(key, ["2027-06-10T23:59:58Z", "2027-06-11T00:00:02Z", "2027-06-11T23:59:58Z", "2027-06-12T00:00:02Z", "2027-06-15T12:00:00Z", "2027-06-15T12:00:01Z"]),
    ).toEqual([
      ["2027-06-10T23:59:58Z", "USAGE_EXCEEDED", 0],
      ["2027-06-11T00:00:02Z", "VALID", 4],
      ["2027-06-11T23:59:58Z", "VALID", 3],
      ["2027-06-12T00:00:02Z", "VALID", 4],
      ["2027-06-15T12:00:00Z", "VALID", 4],
      ["2027-06-15T12:00:01Z", "VALID", 3],
    ]);
  });
});
