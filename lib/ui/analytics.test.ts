import { describe, expect, it } from "vitest";
import { type Bucket, axisTicks, byDay, niceMax, parseRange, stackedBars, totals, windowFor } from "./analytics";

const HOUR = 3_600_000;
const bucket = (time: number, parts: Partial<Bucket> = {}): Bucket => {
  const b = { time, total: 0, valid: 0, rateLimited: 0, insufficientPermissions: 0, forbidden: 0, disabled: 0, expired: 0, usageExceeded: 0, ...parts };
  b.total = b.valid + b.rateLimited + b.insufficientPermissions + b.disabled + b.expired + b.usageExceeded;
  return b;
};
const hours = (start: number, n: number, parts: (i: number) => Partial<Bucket> = () => ({})) => Array.from({ length: n }, (_, i) => bucket(start + i * HOUR, parts(i)));

describe("analytics", () => {
  it("parses ranges with a safe default", () => {
    expect(parseRange("7d")).toBe("7d");
    expect(parseRange("constructor")).toBe("24h");
    expect(parseRange(["7d"])).toBe("24h");
    expect(parseRange(undefined)).toBe("24h");
  });

  it("aligns hour windows to whole UTC hours ending after now, whatever the zone", () => {
    const now = Date.UTC(2026, 4, 8, 14, 3);
    expect(windowFor("24h", now, "UTC")).toEqual({ startTime: Date.UTC(2026, 4, 7, 15), endTime: Date.UTC(2026, 4, 8, 15) });
    expect(windowFor("24h", now, "Asia/Tokyo")).toEqual(windowFor("24h", now, "UTC"));
  });

  it("ends the 30-day window with the viewer's local day", () => {
    const now = Date.UTC(2026, 4, 8, 14, 3);
    expect(windowFor("30d", now, "UTC")).toEqual({ startTime: Date.UTC(2026, 3, 9), endTime: Date.UTC(2026, 4, 9) });
    // 23:03 in Tokyo on 8 May: the last day is 8 May, midnight to midnight, Tokyo time.
    expect(windowFor("30d", now, "Asia/Tokyo")).toEqual({ startTime: Date.UTC(2026, 3, 8, 15), endTime: Date.UTC(2026, 4, 8, 15) });
    // Over a DST change (New York, 8 March 2026) the window is still 30 whole local days.
    const ny = windowFor("30d", Date.UTC(2026, 2, 20, 16), "America/New_York");
    expect(ny).toEqual({ startTime: Date.UTC(2026, 1, 19, 5), endTime: Date.UTC(2026, 2, 21, 4) });
  });

  it("adds hours up by local day", () => {
    // 48 hours from 00:00 UTC, one verification an hour: Tokyo's days start at 15:00 UTC.
    const days = byDay(hours(Date.UTC(2026, 4, 1), 48, () => ({ valid: 1 })), "Asia/Tokyo");
    expect(days.map((d) => [new Date(d.time).toISOString(), d.total, d.valid])).toEqual([
      ["2026-04-30T15:00:00.000Z", 15, 15],
      ["2026-05-01T15:00:00.000Z", 24, 24],
      ["2026-05-02T15:00:00.000Z", 9, 9],
    ]);
    // Half-hour zones: each hour goes to the day holding its middle (India's midnight is 18:30 UTC).
    const india = byDay(hours(Date.UTC(2026, 4, 1, 17), 3, (i) => ({ expired: i + 1 })), "Asia/Kolkata");
    expect(india.map((d) => d.expired)).toEqual([1, 5]);
  });

  it("labels the axis at round local times", () => {
    const day = hours(Date.UTC(2026, 4, 8, 15), 24);
    const tokyo = axisTicks(day, "24h", "Asia/Tokyo", "en-GB");
    expect(tokyo.map((t) => t.label)).toEqual(["9 May", "04:00", "08:00", "12:00", "16:00", "20:00"]);
    expect(tokyo[0]?.index).toBe(0);
    expect(tokyo.filter((t) => !t.minor).map((t) => t.label)).toEqual(["9 May", "08:00", "16:00"]);
    expect(axisTicks(day, "24h", "UTC", "en-GB")[0]).toEqual({ index: 1, label: "16:00", minor: false });
    const week = axisTicks(hours(Date.UTC(2026, 4, 1), 7 * 24), "7d", "UTC", "en-GB");
    expect(week.map((t) => t.label)).toEqual(["Fri 1", "Sat 2", "Sun 3", "Mon 4", "Tue 5", "Wed 6", "Thu 7"]);
    // The session's locale words them; the ticks stay where they are.
    expect(axisTicks(day, "24h", "Asia/Tokyo", "de").map((t) => t.label)).toEqual(["9. Mai", "04:00", "08:00", "12:00", "16:00", "20:00"]);
    expect(axisTicks(day, "24h", "Asia/Tokyo", "ja")[0]?.label).toBe("5月9日");
    expect(axisTicks(hours(Date.UTC(2026, 4, 1), 7 * 24), "7d", "UTC", "fr").map((t) => t.label).slice(0, 2)).toEqual(["ven. 1", "sam. 2"]);
  });

  it("picks nice axis maxima", () => {
    expect([0, 1, 3, 7, 11, 199, 200, 201].map(niceMax)).toEqual([1, 1, 5, 10, 20, 200, 200, 500]);
  });

  it("sums totals per outcome", () => {
    expect(totals([bucket(0, { valid: 2, rateLimited: 1 }), bucket(1, { valid: 1, expired: 4 })])).toMatchObject({ total: 8, valid: 3, rateLimited: 1, expired: 4 });
  });

  it("stacks segments bottom-up inside the plot", () => {
    const { max, segments } = stackedBars([bucket(0, { valid: 3, rateLimited: 2 }), bucket(1)], 100, 50);
    expect(max).toBe(5);
    expect(segments).toHaveLength(2);
    const [valid, limited] = segments;
    // Two buckets over 100 units: 50-unit slots, a fifth of each a gap split either side, so the first bar is 5..45.
    expect(valid).toMatchObject({ field: "valid", color: "var(--series-valid)", x: 5, width: 40, y: 20, height: 30 });
    expect(limited).toMatchObject({ field: "rateLimited", x: 5, width: 40, y: 0, height: 20 });
    // Past 60 bars, no gaps.
    expect(stackedBars(hours(0, 61, () => ({ valid: 1 })), 610, 10).segments[0]).toMatchObject({ x: 0, width: 10 });
  });
});
