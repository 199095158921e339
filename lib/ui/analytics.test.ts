import { describe, expect, it } from "vitest";
import { type Bucket, niceMax, parseRange, stackedBars, totals, windowFor } from "./analytics";

const bucket = (time: number, parts: Partial<Bucket> = {}): Bucket => {
  const b = { time, total: 0, valid: 0, rateLimited: 0, insufficientPermissions: 0, forbidden: 0, disabled: 0, expired: 0, usageExceeded: 0, ...parts };
  b.total = b.valid + b.rateLimited + b.insufficientPermissions + b.disabled + b.expired + b.usageExceeded;
  return b;
};

describe("analytics", () => {
  it("parses ranges with a safe default", () => {
    expect(parseRange("7d")).toBe("7d");
    expect(parseRange("constructor")).toBe("24h");
    expect(parseRange(["7d"])).toBe("24h");
    expect(parseRange(undefined)).toBe("24h");
  });

  it("aligns windows to whole buckets ending after now", () => {
    const now = Date.UTC(2026, 4, 8, 14, 3);
    expect(windowFor("24h", now)).toEqual({ startTime: Date.UTC(2026, 4, 7, 15), endTime: Date.UTC(2026, 4, 8, 15) });
    expect(windowFor("30d", now)).toEqual({ startTime: Date.UTC(2026, 3, 9), endTime: Date.UTC(2026, 4, 9) });
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
    // Two buckets over 100 px: 50 px slots, a 2 px gap split either side, so the first bar is 1..49.
    expect(valid).toMatchObject({ field: "valid", x: 1, width: 48, y: 20, height: 30 });
    expect(limited).toMatchObject({ field: "rateLimited", x: 1, width: 48, y: 0, height: 20 });
  });
});
