import { formatCount } from "@/lib/ui/format";
import { CONSOLE_LOCALE } from "@/lib/console/locale";

const SPANS: [string, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1000],
  ["millisecond", 1],
];

/**
 * A millisecond count as the form's hint reads it back, in the largest unit it is a whole number of:
 * `2592000000` → `30 days`, `90000` → `90 seconds`, `1500` → `1,500 milliseconds`. The API takes
 * milliseconds; the hint shows what was typed means.
 */
export function formatDuration(ms: number): string {
  const [unit, size] = SPANS.find(([, size]) => ms % size === 0) ?? ["millisecond", 1];
  const n = ms / size;
  return `${formatCount(n, CONSOLE_LOCALE)} ${unit}${n === 1 ? "" : "s"}`;
}
