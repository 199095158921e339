import type { Metadata } from "next";
import Link from "next/link";
import { now } from "@/lib/clock";
import { fill } from "@/lib/i18n/translate";
import { OUTCOMES, RANGES, type RangeKey, axisTicks, byDay, parseRange, totals, windowFor } from "@/lib/ui/analytics";
import { formatCount } from "@/lib/ui/format";
import { formatTime, zoneLabel } from "@/lib/ui/time-zone";
import { UsageChart } from "../../../_components/usage-chart";
import { listPortalKeys } from "@/lib/portal-sessions/page-keys";
import { abilities } from "@/lib/portal-sessions/abilities";
import { portalI18n } from "@/lib/portal-sessions/page-i18n";
import { requirePortalSession } from "@/lib/portal-sessions/page-session";
import { viewerTimeZone } from "@/lib/portal-sessions/page-time-zone";
import { portalVerifications } from "@/lib/portal-sessions/page-verifications";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ portalId: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: (await portalI18n((await params).portalId)).m.usage.title };
}

/**
 * Verifications over 24 h / 7 d / 30 d, all keys or one, by outcome: a chart and the table behind
 * it, in the session's language and the viewer's time zone (UTC until the browser has said which,
 * and without JavaScript; the layout's TimeZoneSync tells the server).
 */
export default async function UsagePage({ params, searchParams }: Params & { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { portalId } = await params;
  const sp = await searchParams;
  const session = await requirePortalSession(portalId);
  const { m, formatLocale } = await portalI18n(portalId);
  const u = m.usage;
  const can = abilities(session);
  const base = `/portal/${portalId}/analytics`;
  if (!can.analytics) {
    return (
      <div className="card empty">
        <h2>{u.unavailableTitle}</h2>
        <p>{u.unavailableBody}</p>
      </div>
    );
  }

  const { timeZone } = await viewerTimeZone();
  const range = parseRange(sp.range);
  const { unit } = RANGES[range];
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
  // One key's name when it is chosen, else the sentences that speak of all the user's keys.
  const oneKey = keyId && !unknownKey ? selected?.name || selected?.start || keyId : undefined;
  const zone = zoneLabel(timeZone, at, formatLocale);
  const title = oneKey
    ? fill(u.chartTitleKey[unit], { key: oneKey, period: u.chartPeriod[range], zone })
    : fill(u.chartTitleAll[unit], { period: u.chartPeriod[range], zone });
  const period = u.period[range];
  const href = (r: RangeKey) => `${base}?${new URLSearchParams({ range: r, ...(keyId ? { key: keyId } : {}) })}`;

  return (
    <>
      <div className="p-page-head">
        <div>
          <h1>{u.title}</h1>
          <p>{oneKey ? fill(u.leadKey, { key: oneKey, period }) : fill(u.leadAll, { period })}</p>
        </div>
        <nav className="seg" aria-label={u.rangesLabel}>
          {(Object.keys(RANGES) as RangeKey[]).map((r) => (
            <Link key={r} href={href(r)} aria-current={r === range ? "true" : undefined}>
              {u.ranges[r]}
            </Link>
          ))}
        </nav>
      </div>

      {unknownKey ? (
        <p className="callout" role="status">
          {u.unknownKey}
        </p>
      ) : null}
      {keys.length > 0 ? (
        <form method="get" action={base} className="p-toolbar">
          <input type="hidden" name="range" value={range} />
          <label htmlFor="usage-key" className="muted">
            {u.keyLabel}
          </label>
          <select id="usage-key" name="key" className="select" defaultValue={unknownKey ? "" : (keyId ?? "")} style={{ width: "auto", maxWidth: "100%" }}>
            <option value="">{u.allKeys}</option>
            {keys.map((k) => (
              <option key={k.keyId} value={k.keyId}>
                {k.name ? `${k.name} (${k.start}…)` : `${k.start}…`}
              </option>
            ))}
          </select>
          <button type="submit" className="btn">
            {u.apply}
          </button>
        </form>
      ) : null}

      <div className="stats">
        <Stat label={u.stats.total} value={sum.total} testId="stat-total" locale={formatLocale} />
        <Stat label={u.stats.valid} value={sum.valid} testId="stat-valid" locale={formatLocale} />
        <Stat label={u.stats.rejected} value={rejected} testId="stat-rejected" locale={formatLocale} />
      </div>

      {sum.total === 0 ? (
        <div className="card empty usage-empty" data-testid="usage-empty">
          <h2>{fill(u.emptyTitle, { period })}</h2>
          <p>{oneKey ? fill(u.emptyKey, { key: oneKey }) : u.emptyAll}</p>
        </div>
      ) : (
        <div className="card card-pad">
          <p className="chart-zone" data-testid="time-zone">
            {fill(u.timesIn, { zone })}
          </p>
          <UsageChart buckets={buckets} ticks={axisTicks(buckets, range, timeZone, formatLocale)} title={title} locale={formatLocale} />
          <ul className="legend" aria-hidden="true">
            {OUTCOMES.map((o) => (
              <li key={o.field}>
                <span className="swatch" style={{ background: o.color }} />
                {u.outcomes[o.field]}
              </li>
            ))}
          </ul>
          <details className="data-table">
            <summary>{u.showTable}</summary>
            <div className="table-wrap" tabIndex={0} role="region" aria-label={u.tableLabel}>
              <table className="table">
                <caption className="visually-hidden">{title}</caption>
                <thead>
                  <tr>
                    <th scope="col">{u.columns[unit]}</th>
                    <th scope="col" className="num">
                      {u.columns.total}
                    </th>
                    {OUTCOMES.map((o) => (
                      <th scope="col" className="num" key={o.field}>
                        {u.outcomes[o.field]}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {buckets.map((b) => (
                    <tr key={b.time}>
                      <th scope="row">
                        <time dateTime={new Date(b.time).toISOString()}>{formatTime(b.time, timeZone, unit === "day" ? "row-day" : "row-hour", formatLocale)}</time>
                      </th>
                      <td className="num">{formatCount(b.total, formatLocale)}</td>
                      {OUTCOMES.map((o) => (
                        <td className="num" key={o.field}>
                          {formatCount(b[o.field], formatLocale)}
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

function Stat({ label, value, testId, locale }: { label: string; value: number; testId: string; locale: string }) {
  return (
    <div className="card stat">
      <div className="label">{label}</div>
      <div className="value" data-testid={testId}>
        {formatCount(value, locale)}
      </div>
    </div>
  );
}
