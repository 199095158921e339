import type { I18n } from "@/lib/i18n/catalogue";
import { formatDateTime, relativeTime } from "@/lib/ui/format";

/**
 * A relative time for reading, in the session's language; the exact instant for machines, and on
 * hover in the viewer's time zone (UTC until the browser has said which: time-zone-sync.tsx).
 */
export function When({ at, now, i18n, timeZone }: { at: number; now: number; i18n: I18n; timeZone: string }) {
  return (
    <time dateTime={new Date(at).toISOString()} title={formatDateTime(at, i18n.formatLocale, timeZone)}>
      {relativeTime(at, now, i18n.formatLocale, i18n.m.time)}
    </time>
  );
}
