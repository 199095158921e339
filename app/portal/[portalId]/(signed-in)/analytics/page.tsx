import type { Metadata } from "next";
import Link from "next/link";
import { now } from "@/lib/clock";
import { OUTCOMES, RANGES, type RangeKey, parseRange, totals, windowFor } from "@/lib/ui/analytics";
import { formatCount } from "@/lib/ui/format";
import { UsageChart } from "../../../_components/usage-chart";
import { listPortalKeys } from "@/lib/portal-sessions/page-keys";
import { abilities } from "@/lib/portal-sessions/abilities";
import { requirePortalSession } from "@/lib/portal-sessions/page-session";
import { portalVerifications } from "@/lib/portal-sessions/page-verifications";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Usage" };

/** Verifications over 24 h / 7 d / 30 d, all keys or one, by outcome: an SVG chart and the table behind it. */
export default async function UsagePage({ params, searchParams }: { params: Promise<{ portalId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { portalId } = await params;
  const sp = await searchParams;
  const session = await requirePortalSession(portalId);
  const can = abilities(session);
  const base = `/portal/${portalId}/analytics`;
  if (!can.analytics) {
    return (
      <div className="card empty">
        <h2>Usage is not available</h2>
        <p>This session cannot read usage data.</p>
      </div>
    );
  }

  const range = parseRange(sp.range);
  const keyId = typeof sp.key === "string" && /^key_[A-Za-z0-9]{1,64}$/.test(sp.key) ? sp.key : undefined;
  const { startTime, endTime } = windowFor(range, now());
  const [found, keys] = await Promise.all([
    portalVerifications(session, { startTime, endTime, keyId }),
    can.readKeys ? listPortalKeys(session, { limit: 100 }).then((p) => p.keys) : Promise.resolve([]),
  ]);
  // A key id that is not one of the user's keys (stale link): say so and show all keys instead.
  const buckets = found ?? (await portalVerifications(session, { startTime, endTime })) ?? [];
  const unknownKey = found === undefined;
  const sum = totals(buckets);
  const rejected = sum.total - sum.valid;
  const unit = RANGES[range].bucketMs === 86_400_000 ? "day" : "hour";
  const selected = unknownKey ? undefined : keys.find((k) => k.keyId === keyId);
  const scope = keyId && !unknownKey ? `key ${selected?.name || selected?.start || keyId}` : "all your keys";
  const href = (r: RangeKey) => `${base}?${new URLSearchParams({ range: r, ...(keyId ? { key: keyId } : {}) })}`;

  return (
    <>
      <div className="p-page-head">
        <div>
          <h1>Usage</h1>
          <p>
            Verifications of {scope} over the last {RANGES[range].label}.
          </p>
        </div>
        <nav className="seg" aria-label="Time range">
          {(Object.keys(RANGES) as RangeKey[]).map((r) => (
            <Link key={r} href={href(r)} aria-current={r === range ? "true" : undefined}>
              {RANGES[r].label}
            </Link>
          ))}
        </nav>
      </div>

      {unknownKey ? (
        <p className="callout" role="status">
          That key is not one of yours any more. Showing all your keys.
        </p>
      ) : null}
      {keys.length > 0 ? (
        <form method="get" action={base} className="p-toolbar">
          <input type="hidden" name="range" value={range} />
          <label htmlFor="usage-key" className="muted">
            Key
          </label>
          <select id="usage-key" name="key" className="select" defaultValue={unknownKey ? "" : (keyId ?? "")} style={{ width: "auto", maxWidth: "100%" }}>
            <option value="">All keys</option>
            {keys.map((k) => (
              <option key={k.keyId} value={k.keyId}>
                {k.name || `${k.start}…`}
              </option>
            ))}
          </select>
          <button type="submit" className="btn">
            Apply
          </button>
        </form>
      ) : null}

      <div className="stats">
        <Stat label="Verifications" value={sum.total} testId="stat-total" />
        <Stat label="Valid" value={sum.valid} testId="stat-valid" />
        <Stat label="Rejected" value={rejected} testId="stat-rejected" />
      </div>

      <div className="card card-pad">
        <UsageChart buckets={buckets} unit={unit} title={`Verifications per ${unit}, ${scope}, last ${RANGES[range].label}`} />
        <ul className="legend" aria-hidden="true">
          {OUTCOMES.map((o) => (
            <li key={o.field}>
              <span className="swatch" style={{ background: o.color }} />
              {o.label}
            </li>
          ))}
        </ul>
        <details className="data-table">
          <summary>Show as a table</summary>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">
                Verifications per {unit}, {scope}, last {RANGES[range].label} (UTC)
              </caption>
              <thead>
                <tr>
                  <th scope="col">{unit === "day" ? "Day (UTC)" : "Hour (UTC)"}</th>
                  <th scope="col" className="num">
                    Total
                  </th>
                  {OUTCOMES.map((o) => (
                    <th scope="col" className="num" key={o.field}>
                      {o.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {buckets.map((b) => (
                  <tr key={b.time}>
                    <th scope="row" style={{ fontWeight: 400, textTransform: "none", letterSpacing: 0, color: "inherit" }}>
                      {new Date(b.time).toISOString().slice(0, unit === "day" ? 10 : 16).replace("T", " ")}
                    </th>
                    <td className="num">{formatCount(b.total)}</td>
                    {OUTCOMES.map((o) => (
                      <td className="num" key={o.field}>
                        {formatCount(b[o.field])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </div>
    </>
  );
}

function Stat({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div className="card stat">
      <div className="label">{label}</div>
      <div className="value" data-testid={testId}>
        {formatCount(value)}
      </div>
    </div>
  );
}
