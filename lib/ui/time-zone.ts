/**
 * Usage times in the viewer's time zone. The browser's zone reaches the server in a cookie
 * (TimeZoneSync sets it); until then, and without JavaScript, pages use UTC and say so.
 */
export const TIME_ZONE_COOKIE = "keyport_tz";

const formatters = new Map<string, Intl.DateTimeFormat>();

/** `locale` only changes the wording: the wall-clock arithmetic below always reads en-GB's numeric parts. Bounded (locale tags are free-form). */
function formatter(timeZone: string, options: Intl.DateTimeFormatOptions, locale = "en-GB"): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    if (formatters.size >= 1000) formatters.clear();
    f = new Intl.DateTimeFormat(locale, { timeZone, ...options });
    formatters.set(key, f);
  }
  return f;
}

/** The zone's canonical IANA name, or undefined for anything this runtime does not know. */
export function validTimeZone(value: string | undefined): string | undefined {
  if (!value || value.length > 64 || !/^[A-Za-z0-9_+/-]+$/.test(value)) return undefined;
  try {
    return new Intl.DateTimeFormat("en-GB", { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

type Wall = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function wall(at: number, timeZone: string): Wall {
  const parts = formatter(timeZone, { year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric", hourCycle: "h23" }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute"), second: get("second") };
}

/** The zone's offset from UTC at `at`, in ms (Tokyo: +9 h). */
export function offsetMs(at: number, timeZone: string): number {
  const w = wall(at, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(at / 1000) * 1000;
}

/** The instant the local day holding `at` began (two passes settle a DST change on that day). */
export function startOfDay(at: number, timeZone: string): number {
  const w = wall(at, timeZone);
  const midnight = Date.UTC(w.year, w.month - 1, w.day);
  return midnight - offsetMs(midnight - offsetMs(midnight, timeZone), timeZone);
}

/** `2026-05-08` in the zone: which local day an instant falls on. */
export function dayKey(at: number, timeZone: string): string {
  const w = wall(at, timeZone);
  return `${w.year}-${String(w.month).padStart(2, "0")}-${String(w.day).padStart(2, "0")}`;
}

export function localHour(at: number, timeZone: string): number {
  return wall(at, timeZone).hour;
}

/** `Asia/Tokyo (GMT+9)` (`UTC+9` in French), or `UTC`. */
export function zoneLabel(timeZone: string, at: number, locale: string): string {
  if (timeZone === "UTC") return "UTC";
  const offset = formatter(timeZone, { timeZoneName: "shortOffset" }, locale)
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName")?.value;
  return offset ? `${timeZone} (${offset})` : timeZone;
}

const STYLES = {
  hour: { hour: "2-digit", minute: "2-digit" },
  weekday: { weekday: "short", day: "numeric" },
  date: { day: "numeric", month: "short" },
  "row-hour": { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" },
  "row-day": { weekday: "short", day: "numeric", month: "short" },
  moment: { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

/**
 * Axis and table wording in the formatting locale (its own clock: 24-hour in en-GB, de, fr, ja):
 * `22:00`, `Wed 26`, `26 Nov`, `Wed 26 Nov, 22:00`, `Wed 26 Nov`, and a log's `26 Nov 2026, 22:05:31`;
 * `Do., 26. Nov., 22:00`; `11月26日(水) 22:00`.
 */
export function formatTime(at: number, timeZone: string, style: keyof typeof STYLES, locale: string): string {
  return formatter(timeZone, STYLES[style], locale).format(at);
}

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** `2026-11-26T22:05`: the instant as the zone's wall clock, to the minute (an `<input type="datetime-local">` value). */
export function wallTimeValue(at: number, timeZone: string): string {
  const w = wall(at, timeZone);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${String(w.year).padStart(4, "0")}-${two(w.month)}-${two(w.day)}T${two(w.hour)}:${two(w.minute)}`;
}

/**
 * The instant a wall-clock time (`2026-11-26T22:05`, seconds optional) names in the zone, or undefined
 * when it is not a real date and time. Across a clock change it decides as browsers and Temporal's
 * "compatible" rule do: a time the clocks skipped means as long after the change as it is after the
 * skipped hour's start (02:30 → 03:30), a time that happens twice means its first occurrence.
 */
export function instantOfWallTime(value: string, timeZone: string): number | undefined {
  const m = WALL_TIME.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second = 0] = m.slice(1).map((p) => (p === undefined ? 0 : Number(p)));
  const asUtc = Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0, second);
  const d = new Date(asUtc);
  // Date.UTC rolls 31 February over into March: a value that does not read back is not a date.
  if (d.getUTCFullYear() !== year || d.getUTCMonth() + 1 !== month || d.getUTCDate() !== day || d.getUTCHours() !== hour || d.getUTCMinutes() !== minute || d.getUTCSeconds() !== second) return undefined;
  // A zone's offset changes at most once within a day either side of any instant we care about.
  const before = offsetMs(asUtc - 86_400_000, timeZone);
  const after = offsetMs(asUtc + 86_400_000, timeZone);
  const fits = [asUtc - before, asUtc - after].filter((t) => offsetMs(t, timeZone) === asUtc - t).sort((p, q) => p - q);
  return fits[0] ?? asUtc - before;
}
