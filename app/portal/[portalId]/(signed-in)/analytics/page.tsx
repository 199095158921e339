import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { now } from "@/lib/clock";
import { OUTCOMES, RANGES, type RangeKey, axisTicks, byDay, parseRange, totals, windowFor } from "@/lib/ui/analytics";
import { formatCount } from "@/lib/ui/format";
import { TIME_ZONE_COOKIE, formatTime, validTimeZone, zoneLabel } from "@/lib/ui/time-zone";
import { TimeZoneSync } from "../../../_components/time-zone-sync";
import { UsageChart } from "../../../_components/usage-chart";
import { listPortalKeys } from "@/lib/portal-sessions/page-keys";
import { abilities } from "@/lib/portal-sessions/abilities";
import { requirePortalSession } from "@/lib/portal-sessions/page-session";
import { portalVerifications } from "@/lib/portal-sessions/page-verifications";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Usage" };

/**
 * Verifications over 24 h / 7 d / 30 d, all keys or one, by outcome: a chart and the table behind
 * it, in the viewer's time zone (UTC until the browser has said which, and without JavaScript).
 */
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

  const zoneCookie = (await cookies()).get(TIME_ZONE_COOKIE)?.value.slice(0, 64);
  const timeZone = validTimeZone(zoneCookie) ?? "UTC";
  const range = parseRange(sp.range);
  const { label: rangeLabel, unit } = RANGES[range];
  const keyId = typeof sp.key === "string" && /^key_[A-Za-z0-9]{1,64}$/.test(sp.key) ? sp.key : undefined;
  const at = now();
  const { startTime, endTime } = windowFor(range, at, timeZone);
  const [found, keys] = await Promise.all([
    portalVerifications(session, { startTime, endTime, keyId }),
    can.readKeys ? listPortalKeys(session, { limit: 100 }).then((p) => p.keys) : Promise.resolve([]),
  ]);
  // A key id that is not one of the user's keys (stale link): say so and show all keys instead.
  const hourly = found ?? (await portalVerifications(session, { startTime, endTime })) ?? [];
  const buckets = unit === "day" ? byDay(hourly, timeZone) : hourly;
  const unknownKey = found === undefined;
  const sum = totals(buckets);
  const rejected = sum.total - sum.valid;
  const selected = unknownKey ? undefined : keys.find((k) => k.keyId === keyId);
  const scope = keyId && !unknownKey ? `key ${selected?.name || selected?.start || keyId}` : "all your keys";
  const zone = zoneLabel(timeZone, at);
  const title = `Verifications per ${unit}, ${scope}, last ${rangeLabel} (times in ${zone})`;
  const href = (r: RangeKey) => `${base}?${new URLSearchParams({ range: r, ...(keyId ? { key: keyId } : {}) })}`;

  return (
    <>
      <TimeZoneSync current={timeZone} received={zoneCookie} />
      <div className="p-page-head">
        <div>
          <h1>Usage</h1>
          <p>
            Verifications of {scope} over the last {rangeLabel}.
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
                {k.name ? `${k.name} (${k.start}…)` : `${k.start}…`}
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

      {sum.total === 0 ? (
        <div className="card empty usage-empty" data-testid="usage-empty">
          <h2>No verifications in the last {rangeLabel}</h2>
          <p>When your app sends {scope === "all your keys" ? "one of your keys" : `the ${scope}`} to the API, each call shows up here within a minute.</p>
        </div>
      ) : (
        <div className="card card-pad">
          <p className="chart-zone" data-testid="time-zone">
            Times in {zone}
          </p>
          <UsageChart buckets={buckets} ticks={axisTicks(buckets, range, timeZone)} title={title} />
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
            <div className="table-wrap" tabIndex={0} role="region" aria-label="Verifications table">
              <table className="table">
                <caption className="visually-hidden">{title}</caption>
                <thead>
                  <tr>
                    <th scope="col">{unit === "day" ? "Day" : "Hour"}</th>
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
                      <th scope="row">
                        <time dateTime={new Date(b.time).toISOString()}>{formatTime(b.time, timeZone, unit === "day" ? "row-day" : "row-hour")}</time>
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
      )}
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
