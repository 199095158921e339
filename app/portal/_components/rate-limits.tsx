import { formatRateLimit } from "@/lib/ui/format";

/** A key's rate limits, one per line; the limit's name only when there are several to tell apart. */
export function RateLimits({ ratelimits }: { ratelimits: { name: string; limit: number; duration: number }[] }) {
  if (ratelimits.length === 0) return <span className="muted">None</span>;
  return (
    <ul className="rate-limits">
      {ratelimits.map((r) => (
        <li key={r.name}>
          {ratelimits.length > 1 ? <span className="muted">{r.name}: </span> : null}
          {formatRateLimit(r.limit, r.duration)}
        </li>
      ))}
    </ul>
  );
}
