import { formatCount, formatRateLimit } from "@/lib/ui/format";

type Limits = { credits?: { remaining: number }; ratelimits: { name: string; limit: number; duration: number }[] };

/**
 * What limits a key, one line each: its credits, then its rate limits (a limit's name only when there
 * are several to tell apart); "Unlimited" when nothing does. One column, so the keys table still fits
 * beside its actions.
 */
export function KeyLimits({ credits, ratelimits }: Limits) {
  if (!credits && ratelimits.length === 0) return <span className="muted">Unlimited</span>;
  return (
    <div className="limits">
      {credits ? <span>{`${formatCount(credits.remaining)} credits`}</span> : null}
      {ratelimits.map((r) => (
        <span key={r.name}>
          {ratelimits.length > 1 ? <span className="muted">{r.name}: </span> : null}
          {formatRateLimit(r.limit, r.duration)}
        </span>
      ))}
    </div>
  );
}
