// A type-only import: erased at build time, so lib/ui stays free of server code.
import type { VerificationBucket } from "@/lib/portal-sessions/get-verifications";
import { dayKey, formatTime, localHour, startOfDay } from "@/lib/ui/time-zone";

/**
 * Analytics windows and the geometry of the stacked bar chart, as pure functions so the server
 * component only maps data to SVG elements. Outcomes are those of a verification bucket
 * (as `portal.getVerifications` answers them); `forbidden` stays 0 and is not drawn. Every range
 * reads hourly buckets; the 30-day range adds them up by day in the viewer's time zone.
 */
export type Bucket = VerificationBucket;

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** The ranges the usage tab offers; their names are the session's messages (`usage.ranges`). */
export const RANGES = {
  "24h": { days: 1, unit: "hour" },
  "7d": { days: 7, unit: "hour" },
  "30d": { days: 30, unit: "day" },
} as const;
export type RangeKey = keyof typeof RANGES;

export function parseRange(value: string | string[] | undefined): RangeKey {
  return typeof value === "string" && Object.hasOwn(RANGES, value) ? (value as RangeKey) : "24h";
}

/**
 * `[startTime, endTime)` in whole hours, ending with the hour that holds `now` (hour ranges) or
 * with the viewer's current day (the 30-day range, whose days begin at local midnight), so the
 * last bar is the current, partial, hour or day.
 */
export function windowFor(range: RangeKey, now: number, timeZone: string): { startTime: number; endTime: number } {
  const { days, unit } = RANGES[range];
  if (unit === "hour") {
    const endTime = Math.floor(now / HOUR) * HOUR + HOUR;
    return { startTime: endTime - days * DAY, endTime };
  }
  // Local days are 23–25 h long: half a day's slack lands inside the day wanted.
  const today = startOfDay(now, timeZone);
  const start = startOfDay(today - (days - 1) * DAY + DAY / 2, timeZone);
  const end = startOfDay(today + DAY + DAY / 2, timeZone);
  return { startTime: Math.floor(start / HOUR) * HOUR, endTime: Math.ceil(end / HOUR) * HOUR };
}

/**
 * Hourly buckets added up by local day; a bucket's day is that of its middle, so in a zone offset
 * by a half hour (India, Newfoundland) each hour goes to the day it mostly lies in.
 */
export function byDay(hourly: Bucket[], timeZone: string): Bucket[] {
  const days = new Map<string, Bucket>();
  for (const b of hourly) {
    const key = dayKey(b.time + HOUR / 2, timeZone);
    const day = days.get(key);
    if (!day) {
      days.set(key, { ...b, time: startOfDay(b.time + HOUR / 2, timeZone) });
      continue;
    }
    for (const f of ["total", "valid", "rateLimited", "insufficientPermissions", "forbidden", "disabled", "expired", "usageExceeded"] as const) day[f] += b[f];
  }
  return [...days.values()];
}

export type AxisTick = { index: number; label: string; minor: boolean };

/**
 * Time labels under the bars, at round local times: every 4 hours, midnight as its date (24 h), every midnight (7 d),
 * every 5th day counted back from today (30 d). `minor` ones are left out on a phone.
 */
export function axisTicks(buckets: Bucket[], range: RangeKey, timeZone: string, locale: string): AxisTick[] {
  const ticks: AxisTick[] = [];
  buckets.forEach((b, index) => {
    const mid = b.time + (range === "30d" ? DAY / 2 : HOUR / 2);
    if (range === "24h") {
      const hour = localHour(mid, timeZone);
      // Midnight names the new day instead.
      if (hour % 4 === 0) ticks.push({ index, label: formatTime(b.time, timeZone, hour === 0 ? "date" : "hour", locale), minor: hour % 8 !== 0 });
    } else if (range === "7d") {
      if (localHour(mid, timeZone) === 0) ticks.push({ index, label: formatTime(mid, timeZone, "weekday", locale), minor: ticks.length % 2 === 1 });
    } else if ((buckets.length - 1 - index) % 5 === 0) {
      ticks.push({ index, label: formatTime(mid, timeZone, "date", locale), minor: ((buckets.length - 1 - index) / 5) % 2 === 1 });
    }
  });
  return ticks;
}

/** The outcomes drawn, in stacking order; their names are the session's messages (`usage.outcomes`). */
export const OUTCOMES = [
  { field: "valid", color: "var(--series-valid)" },
  { field: "rateLimited", color: "var(--series-rate-limited)" },
  { field: "usageExceeded", color: "var(--series-usage-exceeded)" },
  { field: "expired", color: "var(--series-expired)" },
  { field: "disabled", color: "var(--series-disabled)" },
  { field: "insufficientPermissions", color: "var(--series-insufficient-permissions)" },
] as const satisfies readonly { field: keyof Bucket; color: string }[];

export type Totals = Record<(typeof OUTCOMES)[number]["field"] | "total", number>;

export function totals(buckets: Bucket[]): Totals {
  const t: Totals = { total: 0, valid: 0, rateLimited: 0, usageExceeded: 0, expired: 0, disabled: 0, insufficientPermissions: 0 };
  for (const b of buckets) {
    t.total += b.total;
    for (const o of OUTCOMES) t[o.field] += b[o.field];
  }
  return t;
}

/** A "nice" axis maximum (1, 2, 5 × 10^n) at or above the tallest bar; at least 1. */
export function niceMax(value: number): number {
  if (value <= 1) return 1;
  const pow = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * pow >= value) return step * pow;
  return 10 * pow;
}

export type BarSegment = { field: string; color: string; x: number; y: number; width: number; height: number };

/**
 * Stacked rectangles in a `width × height` plot area (y grows downward, as in SVG). The plot is
 * stretched to its box, so gaps are a share of the slot: a fifth, or none past 60 bars (hairlines).
 */
export function stackedBars(buckets: Bucket[], width: number, height: number): { max: number; segments: BarSegment[] } {
  const max = niceMax(Math.max(0, ...buckets.map((b) => b.total)));
  const slot = buckets.length ? width / buckets.length : width;
  const gap = buckets.length <= 60 ? slot * 0.2 : 0;
  const segments: BarSegment[] = [];
  buckets.forEach((b, i) => {
    let y = height;
    for (const o of OUTCOMES) {
      const v = b[o.field];
      if (!v) continue;
      const h = (v / max) * height;
      y -= h;
      segments.push({ field: o.field, color: o.color, x: i * slot + gap / 2, y, width: slot - gap, height: h });
    }
  });
  return { max, segments };
}
