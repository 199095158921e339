// A type-only import: erased at build time, so lib/ui stays free of server code.
import type { VerificationBucket } from "@/lib/portal-sessions/get-verifications";

/**
 * Analytics windows and the geometry of the stacked bar chart, as pure functions so the server
 * component only maps data to SVG elements. Outcomes are those of a verification bucket
 * (as `portal.getVerifications` answers them); `forbidden` stays 0 and is not drawn.
 */
export type Bucket = VerificationBucket;

export const RANGES = {
  "24h": { label: "24 hours", ms: 86_400_000, bucketMs: 3_600_000 },
  "7d": { label: "7 days", ms: 7 * 86_400_000, bucketMs: 3_600_000 },
  "30d": { label: "30 days", ms: 30 * 86_400_000, bucketMs: 86_400_000 },
} as const;
export type RangeKey = keyof typeof RANGES;

export function parseRange(value: string | string[] | undefined): RangeKey {
  return typeof value === "string" && Object.hasOwn(RANGES, value) ? (value as RangeKey) : "24h";
}

/**
 * `[startTime, endTime)` aligned to the range's bucket size, ending with the bucket that holds
 * `now`, so the last bar is the current (partial) hour or day.
 */
export function windowFor(range: RangeKey, now: number): { startTime: number; endTime: number } {
  const { ms, bucketMs } = RANGES[range];
  const endTime = Math.floor(now / bucketMs) * bucketMs + bucketMs;
  return { startTime: endTime - ms, endTime };
}

export const OUTCOMES = [
  { field: "valid", label: "Valid", color: "var(--ok)" },
  { field: "rateLimited", label: "Rate limited", color: "var(--warn)" },
  { field: "usageExceeded", label: "Usage exceeded", color: "var(--warn-2)" },
  { field: "expired", label: "Expired", color: "var(--muted-2)" },
  { field: "disabled", label: "Disabled", color: "var(--muted)" },
  { field: "insufficientPermissions", label: "Insufficient permissions", color: "var(--danger)" },
] as const satisfies readonly { field: keyof Bucket; label: string; color: string }[];

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

/** Stacked rectangles in a `width × height` plot area (y grows downward, as in SVG). */
export function stackedBars(buckets: Bucket[], width: number, height: number): { max: number; segments: BarSegment[] } {
  const max = niceMax(Math.max(0, ...buckets.map((b) => b.total)));
  const slot = buckets.length ? width / buckets.length : width;
  const gap = slot > 6 ? Math.min(2, slot * 0.2) : 0;
  const segments: BarSegment[] = [];
  buckets.forEach((b, i) => {
    let y = height;
    for (const o of OUTCOMES) {
      const v = b[o.field];
      if (!v) continue;
      const h = (v / max) * height;
      y -= h;
      segments.push({ field: o.field, color: o.color, x: i * slot + gap / 2, y, width: Math.max(slot - gap, 0.5), height: h });
    }
  });
  return { max, segments };
}
