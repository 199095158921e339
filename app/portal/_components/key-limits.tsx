import type { I18n } from "@/lib/i18n/catalogue";
import { pluralize } from "@/lib/i18n/translate";
import { formatCount, formatRateLimit } from "@/lib/ui/format";

type Limits = { credits?: { remaining: number }; ratelimits: { name: string; limit: number; duration: number }[]; i18n: I18n };

/**
 * What limits a key, one line each: its credits, then its rate limits (a limit's name only when there
 * are several to tell apart); "Unlimited" when nothing does. One column, so the keys table still fits
 * beside its actions.
 */
export function KeyLimits({ credits, ratelimits, i18n }: Limits) {
  const { m, locale, formatLocale } = i18n;
  if (!credits && ratelimits.length === 0) return <span className="muted">{m.keys.unlimited}</span>;
  return (
    <div className="limits">
      {credits ? <span>{pluralize(locale, m.keys.credits, credits.remaining, { count: formatCount(credits.remaining, formatLocale) })}</span> : null}
      {ratelimits.map((r) => (
        <span key={r.name}>
          {ratelimits.length > 1 ? <span className="muted">{r.name}: </span> : null}
          {formatRateLimit(r.limit, r.duration, formatLocale, m.keys)}
        </span>
      ))}
    </div>
  );
}
