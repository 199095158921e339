import { fill } from "@/lib/i18n/translate";

/**
 * Times, numbers and limits as the portal shows them, in the session's locale (docs/sessions.md
 * "Languages"): `locale` is a formatting locale (lib/portal-sessions/locale.ts formatLocale), the
 * words come from the session's messages. Rendered on the server only (no hydration mismatch): a
 * relative phrase for reading ("3 days ago", "vor 3 Tagen") and the exact instant, in the viewer's
 * time zone, on hover.
 */
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["week", 7 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/**
 * One formatter per locale and options: building an Intl formatter costs far more than using one.
 * Bounded, since a session's locale tag is the backend's free choice.
 */
const formatters = new Map<string, Intl.RelativeTimeFormat | Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.RelativeTimeFormat | Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = formatters.get(key) as T | undefined;
  if (!f) {
    if (formatters.size >= 500) formatters.clear();
    formatters.set(key, (f = make()));
  }
  return f;
}

const relative = (locale: string) => cached(`rt|${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: "auto" }));

/** The two phrases Intl has no good words for: under a minute either side of now. */
export type TimeWords = { justNow: string; inUnderAMinute: string };

export function relativeTime(at: number, now: number, locale: string, words: TimeWords): string {
  const diff = at - now;
  const abs = Math.abs(diff);
  if (abs < 60_000) return diff <= 0 ? words.justNow : words.inUnderAMinute;
  const rtf = relative(locale);
  // A unit applies from the point where the next smaller one would round up to it: 59 min 40 s is
  // "in 1 hour", not "in 60 minutes".
  for (const [i, [unit, size]] of UNITS.entries()) {
    const smaller = UNITS[i + 1]?.[1] ?? 60_000;
    if (abs >= size || Math.round(abs / smaller) * smaller >= size) return rtf.format(Math.round(diff / size) || Math.sign(diff), unit);
  }
  return rtf.format(Math.round(diff / 60_000), "minute");
}

/** The exact instant in the viewer's zone, named: `8 May 2026, 14:03 UTC`, `8. Mai 2026, 16:03 MESZ`, `2026年5月8日 23:03 JST`. */
export function formatDateTime(at: number, locale: string, timeZone: string): string {
  return cached(`dt|${locale}|${timeZone}`, () =>
    new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone, timeZoneName: "short" }),
  ).format(at);
}

/** `2026-05-08 14:03 UTC`: unambiguous, locale-free, the same on every server (the console's timestamps). */
export function utcTimestamp(at: number): string {
  const d = new Date(at);
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)} UTC`;
}

export function formatCount(n: number, locale: string): string {
  return cached(`n|${locale}`, () => new Intl.NumberFormat(locale)).format(n);
}

const SPANS: [RateUnit | "millisecond", number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1000],
];

type RateUnit = "second" | "minute" | "hour" | "day";

/** `{limit} per minute` for a whole unit, `{limit} per {span}` for any other span (`10 seconds`). */
export type RateWords = { ratePerUnit: Record<RateUnit, string>; ratePerSpan: string };

/** `100 per minute`, `1,000 per 10 seconds`, `1.000 pro 10 Sekunden`: a rate limit as an end user reads it. */
export function formatRateLimit(limit: number, durationMs: number, locale: string, words: RateWords): string {
  const [unit, size] = SPANS.find(([, size]) => durationMs % size === 0) ?? ["millisecond", 1];
  const n = durationMs / size;
  const count = formatCount(limit, locale);
  if (n === 1 && unit !== "millisecond") return fill(words.ratePerUnit[unit], { limit: count });
  const span = cached(`u|${locale}|${unit}`, () => new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "long" })).format(n);
  return fill(words.ratePerSpan, { limit: count, span });
}
