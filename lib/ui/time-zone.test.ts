import { describe, expect, it } from "vitest";
import { dayKey, formatTime, instantOfWallTime, offsetMs, startOfDay, validTimeZone, wallTimeValue, zoneLabel } from "./time-zone";

describe("time zones", () => {
  it("accepts IANA zones by their canonical name and refuses anything else", () => {
    expect(validTimeZone("Asia/Tokyo")).toBe("Asia/Tokyo");
    expect(validTimeZone("Etc/UTC")).toBe("UTC");
    expect(validTimeZone("UTC")).toBe("UTC");
    for (const bad of [undefined, "", "Mars/Olympus", "Asia/Tokyo; x=1", "a".repeat(65), "<script>"]) expect(validTimeZone(bad)).toBeUndefined();
  });

  it("knows offsets, local days and their starts, DST included", () => {
    const t = Date.UTC(2026, 4, 8, 20);
    expect(offsetMs(t, "Asia/Tokyo")).toBe(9 * 3_600_000);
    expect(dayKey(t, "Asia/Tokyo")).toBe("2026-05-09");
    expect(dayKey(t, "UTC")).toBe("2026-05-08");
    expect(startOfDay(t, "Asia/Tokyo")).toBe(Date.UTC(2026, 4, 8, 15));
    // New York springs forward on 8 March 2026: that day began at 05:00 UTC (EST), the next at 04:00 (EDT).
    expect(startOfDay(Date.UTC(2026, 2, 8, 20), "America/New_York")).toBe(Date.UTC(2026, 2, 8, 5));
    expect(startOfDay(Date.UTC(2026, 2, 9, 20), "America/New_York")).toBe(Date.UTC(2026, 2, 9, 4));
  });

  it("reads a wall-clock time in the zone, and writes one back", () => {
    expect(instantOfWallTime("2026-11-26T22:05", "Asia/Tokyo")).toBe(Date.UTC(2026, 10, 26, 13, 5));
    expect(instantOfWallTime("2026-11-26T22:05:30", "UTC")).toBe(Date.UTC(2026, 10, 26, 22, 5, 30));
    expect(instantOfWallTime("2026-11-26T22:05", "Asia/Kolkata")).toBe(Date.UTC(2026, 10, 26, 16, 35));
    expect(wallTimeValue(Date.UTC(2026, 10, 26, 13, 5, 59), "Asia/Tokyo")).toBe("2026-11-26T22:05");
    expect(wallTimeValue(Date.UTC(2026, 0, 1), "America/New_York")).toBe("2025-12-31T19:00");
    for (const bad of ["", "2026-02-31T10:00", "2026-11-26 22:05", "2026-11-26T24:00", "2026-13-01T00:00", "2026-11-26T22:05Z", "26/11/2026"]) {
      expect(instantOfWallTime(bad, "UTC"), bad).toBeUndefined();
    }
  });

  it("takes a skipped wall time as after the clock change and a repeated one as its first occurrence", () => {
    // New York: 8 March 2026, 02:00 EST → 03:00 EDT; 1 November 2026, 02:00 EDT → 01:00 EST.
    expect(instantOfWallTime("2026-03-08T02:30", "America/New_York")).toBe(Date.UTC(2026, 2, 8, 7, 30));
    expect(wallTimeValue(Date.UTC(2026, 2, 8, 7, 30), "America/New_York")).toBe("2026-03-08T03:30");
    expect(instantOfWallTime("2026-11-01T01:30", "America/New_York")).toBe(Date.UTC(2026, 10, 1, 5, 30));
    expect(instantOfWallTime("2026-11-01T00:30", "America/New_York")).toBe(Date.UTC(2026, 10, 1, 4, 30));
    expect(instantOfWallTime("2026-11-01T02:30", "America/New_York")).toBe(Date.UTC(2026, 10, 1, 7, 30));
  });

  it("names the zone with its offset and formats times in it", () => {
    const t = Date.UTC(2025, 10, 26, 13);
    expect(zoneLabel("UTC", t, "en-GB")).toBe("UTC");
    expect(zoneLabel("Asia/Tokyo", t, "en-GB")).toBe("Asia/Tokyo (GMT+9)");
    expect(formatTime(t, "Asia/Tokyo", "row-hour", "en-GB")).toBe("Wed 26 Nov, 22:00");
    expect(formatTime(t, "UTC", "row-hour", "en-GB")).toBe("Wed 26 Nov, 13:00");
    expect(formatTime(t, "UTC", "hour", "en-GB")).toBe("13:00");
    expect(formatTime(t, "UTC", "date", "en-GB")).toBe("26 Nov");
    expect(formatTime(t + 5 * 60_000 + 31_000, "Asia/Tokyo", "moment", "en-GB")).toBe("26 Nov 2025, 22:05:31");
  });

  it("words zones and times in the session's locale, still in the viewer's zone", () => {
    const t = Date.UTC(2025, 10, 26, 13);
    expect(zoneLabel("Europe/Paris", t, "fr")).toBe("Europe/Paris (UTC+1)");
    expect(zoneLabel("Asia/Tokyo", t, "de")).toBe("Asia/Tokyo (GMT+9)");
    expect(formatTime(t, "Asia/Tokyo", "row-hour", "de")).toBe("Mi., 26. Nov., 22:00");
    expect(formatTime(t, "Asia/Tokyo", "row-day", "ja")).toBe("11月26日(水)");
    expect(formatTime(t, "Europe/Madrid", "row-hour", "es")).toBe("mié, 26 nov, 14:00");
    expect(formatTime(t, "UTC", "date", "fr")).toBe("26 nov.");
    // A region's own clock: en-US reads 12-hour times.
    expect(formatTime(t, "America/New_York", "hour", "en-US")).toBe("08:00 AM");
  });
});
