/**
 * Times in the portal are rendered on the server only (no hydration mismatch): a relative phrase
 * for reading ("3 days ago", "in 2 hours") and the exact UTC instant in <time dateTime> / title.
 */
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["week", 7 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

export function relativeTime(at: number, now: number): string {
  const diff = at - now;
  const abs = Math.abs(diff);
  if (abs < 60_000) return diff <= 0 ? "just now" : "in less than a minute";
  // A unit applies from the point where the next smaller one would round up to it: 59 min 40 s is
  // "in 1 hour", not "in 60 minutes".
  for (const [i, [unit, size]] of UNITS.entries()) {
    const smaller = UNITS[i + 1]?.[1] ?? 60_000;
    if (abs >= size || Math.round(abs / smaller) * smaller >= size) return rtf.format(Math.round(diff / size) || Math.sign(diff), unit);
  }
  return rtf.format(Math.round(diff / 60_000), "minute");
}

/** `2026-05-08 14:03 UTC`: unambiguous, locale-free, the same on every server. */
export function utcTimestamp(at: number): string {
  const d = new Date(at);
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)} UTC`;
}

export function formatCount(n: number): string {
  return new Intl.NumberFormat("en").format(n);
}

const SPANS: [string, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1000],
];

/** `100 per minute`, `1,000 per 10 seconds`: a rate limit as an end user reads it. */
export function formatRateLimit(limit: number, durationMs: number): string {
  const [unit, size] = SPANS.find(([, size]) => durationMs % size === 0) ?? ["millisecond", 1];
  const n = durationMs / size;
  return `${formatCount(limit)} per ${n === 1 ? unit : `${formatCount(n)} ${unit}s`}`;
}
