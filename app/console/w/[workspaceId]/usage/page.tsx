import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { now } from "@/lib/clock";
import { requireWorkspaceView } from "@/lib/console/viewer";
import { OUTCOMES, RANGES, type RangeKey, axisTicks, byDay, parseRange, windowFor } from "@/lib/ui/analytics";
import { formatCount } from "@/lib/ui/format";
import { formatTime, zoneLabel } from "@/lib/ui/time-zone";
import { workspaceUsage } from "@/lib/verification/workspace-usage";
import { TimeZoneSync } from "../../../../portal/_components/time-zone-sync";
import { UsageChart } from "../../../../portal/_components/usage-chart";
import { PageHeader } from "../../../_components/page-header";
import { TopKeys, UsageByApi } from "../../../_components/usage-breakdown";
import { viewerTimeZone } from "../../../_components/viewer-time-zone";
import { CONSOLE_LOCALE } from "@/lib/console/locale";
import { CONSOLE_I18N } from "@/lib/console/english";
import "../../../_components/audit-usage.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Usage" };

/**
 * The workspace's verifications over 24 h / 7 d / 30 d from the hourly rollups (docs/console.md
 * "Audit log and usage"): by outcome over time (the portal's chart and the table behind it), per API,
 * and the most verified keys; all APIs, or one (`?api=`). Times in the viewer's zone.
 */
export default async function UsagePage({ params, searchParams }: { params: Promise<{ workspaceId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { workspaceId } = await params;
  const { workspace } = await requireWorkspaceView(workspaceId);
  const sp = await searchParams;
  const { timeZone, received } = await viewerTimeZone();
  const range = parseRange(sp.range);
  const { unit } = RANGES[range];
  const rangeLabel = CONSOLE_I18N.m.usage.ranges[range];
  const at = now();
  const { startTime, endTime } = windowFor(range, at, timeZone);
  const base = `/console/w/${workspace.id}`;
  const here = `${base}/usage`;
  const db = await getDb();

  // `?api=` narrows the chart, totals and top keys; one that is not this workspace's shows all APIs instead.
  const asked = typeof sp.api === "string" && sp.api.length <= 64 ? sp.api : undefined;
  let usage = await workspaceUsage(db, { workspaceId: workspace.id, startTime, endTime, apiId: asked });
  const api = asked ? usage.perApi.find((a) => a.apiId === asked) : undefined;
  if (asked && !api) usage = await workspaceUsage(db, { workspaceId: workspace.id, startTime, endTime });
  const buckets = unit === "day" ? byDay(usage.hourly, timeZone) : usage.hourly;
  const zone = zoneLabel(timeZone, at, CONSOLE_LOCALE);
  const scope = api ? `the API ${api.name}` : "all APIs";
  const title = `Verifications per ${unit}, ${scope}, last ${rangeLabel} (times in ${zone})`;
  const href = (r: RangeKey, apiId = api?.apiId) => `${here}?${new URLSearchParams({ range: r, ...(apiId ? { api: apiId } : {}) })}`;
  const rejected = usage.totals.total - usage.totals.valid;

  return (
    <>
      <TimeZoneSync current={timeZone} received={received} path="/console" />
      <PageHeader
        title="Usage"
        description={<>Verifications of {scope} over the last {rangeLabel}, by outcome.</>}
        actions={
          <nav className="seg" aria-label="Time range">
            {(Object.keys(RANGES) as RangeKey[]).map((r) => (
              <Link key={r} href={href(r)} aria-current={r === range ? "true" : undefined}>
                {CONSOLE_I18N.m.usage.ranges[r]}
              </Link>
            ))}
          </nav>
        }
      />

      {asked && !api ? (
        <p className="callout" role="status">
          That API is not one of this workspace’s. Showing all APIs.
        </p>
      ) : null}
      {usage.perApi.length > 1 || api ? (
        <form method="get" action={here} className="p-toolbar">
          <input type="hidden" name="range" value={range} />
          <label htmlFor="usage-api" className="muted">
            API
          </label>
          <select id="usage-api" name="api" className="select c-inline-select" defaultValue={api?.apiId ?? ""}>
            <option value="">All APIs</option>
            {usage.perApi.map((a) => (
              <option key={a.apiId} value={a.apiId}>
                {a.deleted ? `${a.name} (deleted)` : a.name}
              </option>
            ))}
          </select>
          <button type="submit" className="btn">
            Apply
          </button>
        </form>
      ) : null}

      <div className="stats c-usage-stats">
        <Stat label="Verifications" value={usage.totals.total} testId="stat-total" />
        <Stat label="Valid" value={usage.totals.valid} testId="stat-valid" />
        <Stat label="Rejected" value={rejected} testId="stat-rejected" />
        {api ? null : <Stat label="Unknown keys (NOT_FOUND)" value={usage.unknownKeys} testId="stat-unknown" />}
      </div>

      {usage.totals.total === 0 ? (
        <div className="card empty usage-empty" data-testid="usage-empty">
          <h2>No verifications in the last {rangeLabel}</h2>
          <p>When your backend verifies a key{api ? ` of ${api.name}` : ""} with keys.verifyKey, it shows up here within a minute.</p>
        </div>
      ) : (
        <div className="card card-pad">
          <p className="chart-zone" data-testid="time-zone">
            Times in {zone}
          </p>
          <UsageChart locale={CONSOLE_LOCALE} buckets={buckets} ticks={axisTicks(buckets, range, timeZone, CONSOLE_LOCALE)} title={title} />
          <ul className="legend" aria-hidden="true">
            {OUTCOMES.map((o) => (
              <li key={o.field}>
                <span className="swatch" style={{ background: o.color }} />
                {CONSOLE_I18N.m.usage.outcomes[o.field]}
              </li>
            ))}
          </ul>
          <details className="data-table">
            <summary>Show as a table</summary>
            <div className="table-wrap" tabIndex={0} role="region" aria-label="Verifications over time">
              <table className="table" data-testid="usage-series">
                <caption className="visually-hidden">{title}</caption>
                <thead>
                  <tr>
                    <th scope="col">{unit === "day" ? "Day" : "Hour"}</th>
                    <th scope="col" className="num">
                      Total
                    </th>
                    {OUTCOMES.map((o) => (
                      <th scope="col" className="num" key={o.field}>
                        {CONSOLE_I18N.m.usage.outcomes[o.field]}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {buckets.map((b) => (
                    <tr key={b.time}>
                      <th scope="row">
                        <time dateTime={new Date(b.time).toISOString()}>{formatTime(b.time, timeZone, unit === "day" ? "row-day" : "row-hour", CONSOLE_LOCALE)}</time>
                      </th>
                      <td className="num">{formatCount(b.total, CONSOLE_LOCALE)}</td>
                      {OUTCOMES.map((o) => (
                        <td className="num" key={o.field}>
                          {formatCount(b[o.field], CONSOLE_LOCALE)}
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

      <section className="c-section" aria-labelledby="usage-by-api">
        <h2 id="usage-by-api">By API</h2>
        {usage.perApi.length ? (
          <div className="card">
            <UsageByApi apis={usage.perApi} rangeLabel={rangeLabel} hrefFor={(id) => href(range, id)} />
          </div>
        ) : (
          <p className="c-muted-note">This workspace has no APIs yet.</p>
        )}
      </section>

      <section className="c-section" aria-labelledby="usage-top-keys">
        <h2 id="usage-top-keys">Top keys</h2>
        {usage.topKeys.length ? (
          <div className="card">
            <TopKeys keys={usage.topKeys} base={base} rangeLabel={rangeLabel} />
          </div>
        ) : (
          <p className="c-muted-note" data-testid="top-keys-empty">
            No key{api ? ` of ${api.name}` : ""} was verified in the last {rangeLabel}.
          </p>
        )}
        <p className="c-muted-note">
          Counts come from hourly totals kept as verifications are recorded, so the current hour fills in as it goes. A verification that presents a key this workspace does not have belongs to no API or key: it is
          counted once, under “Unknown keys”.
        </p>
      </section>
    </>
  );
}

function Stat({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div className="card stat">
      <div className="label">{label}</div>
      <div className="value" data-testid={testId}>
        {formatCount(value, CONSOLE_LOCALE)}
      </div>
    </div>
  );
}
