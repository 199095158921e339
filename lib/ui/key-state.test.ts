import { describe, expect, it } from "vitest";
import { relativeTime, utcTimestamp } from "./format";
import { keyState } from "./key-state";

const now = Date.UTC(2026, 4, 8, 12);

describe("keyState", () => {
  it.each([
    [{ enabled: true }, "active"],
    [{ enabled: false, expires: now - 1 }, "disabled"],
    [{ enabled: true, expires: now }, "expired"],
    [{ enabled: true, expires: now + 86_400_000 }, "expiring"],
    [{ enabled: true, expires: now + 30 * 86_400_000 }, "active"],
    [{ enabled: true, credits: { remaining: 0 } }, "exhausted"],
    [{ enabled: true, credits: { remaining: 5 } }, "active"],
    [{ enabled: true, expires: now + 60_000, credits: { remaining: 0 }, replaced: {} }, "replaced"],
    [{ enabled: true, expires: now, replaced: {} }, "expired"],
    [{ enabled: false, replaced: {} }, "disabled"],
  ] as const)("%j → %s", (key, state) => expect(keyState(key, now)).toBe(state));
});

describe("format", () => {
  it("says relative times plainly", () => {
    expect(relativeTime(now - 10_000, now)).toBe("just now");
    expect(relativeTime(now - 3 * 3_600_000, now)).toBe("3 hours ago");
    expect(relativeTime(now + 2 * 86_400_000, now)).toBe("in 2 days");
    expect(relativeTime(now - 86_400_000, now)).toBe("yesterday");
    expect(relativeTime(now + 3_600_000 - 20_000, now)).toBe("in 1 hour");
    expect(relativeTime(now + 3_600_000 - 40_000, now)).toBe("in 59 minutes");
    expect(relativeTime(now - 86_400_000 + 10 * 60_000, now)).toBe("yesterday");
    expect(relativeTime(now - 86_400_000 + 40 * 60_000, now)).toBe("23 hours ago");
  });
  it("prints UTC timestamps", () => expect(utcTimestamp(Date.UTC(2026, 4, 8, 14, 3, 59))).toBe("2026-05-08 14:03 UTC"));
});
