import Link from "next/link";

/**
 * The foot of a paged list: back to the first page when not on it, and the next page when there is
 * one. `query` keeps the list's filters in both links; the cursor is the list's own.
 */
export function NextPageLink({ base, query = {}, next, paged }: { base: string; query?: Record<string, string | undefined>; next?: string; paged: boolean }) {
  if (!next && !paged) return null;
  const href = (extra: Record<string, string>) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...query, ...extra })) if (v) params.set(k, v);
    const s = params.toString();
    return s ? `${base}?${s}` : base;
  };
  return (
    <nav className="pager" aria-label="Pages">
      {paged ? (
        <Link prefetch={false} href={href({})} className="btn btn-sm btn-ghost">
          ← First page
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link prefetch={false} href={href({ cursor: next })} className="btn btn-sm" rel="next">
          Next page →
        </Link>
      ) : (
        <span className="muted">End of the list</span>
      )}
    </nav>
  );
}
