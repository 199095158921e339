import Link from "next/link";
import { OUTCOMES, RANGES, type RangeKey, axisTicks, totals, type Bucket } from "@/lib/ui/analytics";
import { formatCount } from "@/lib/ui/format";
import { formatTime } from "@/lib/ui/time-zone";
import { UsageChart } from "../../portal/_components/usage-chart";
import { CONSOLE_LOCALE } from "@/lib/console/locale";
import { CONSOLE_I18N } from "@/lib/console/english";

/**
 * A key's verifications on its console page: the portal's usage chart (lib/ui/analytics.ts), over
 * 24 hours, 7 days or 30 days, in UTC like every time in the console, with the numbers as a table
 * behind it. `buckets` are hours (24 h, 7 d) or UTC days (30 d).
 */
export function KeyUsageCard({ buckets, range, href }: { buckets: Bucket[]; range: RangeKey; href: (r: RangeKey) => string }) {
  const { unit } = RANGES[range];
  const label = CONSOLE_I18N.m.usage.ranges[range];
  const sum = totals(buckets);
  const title = `Verifications of this key per ${unit}, last ${label} (times in UTC)`;
  return (
    <section className="card card-pad c-key-card c-key-wide" aria-labelledby="key-usage">
      <div className="c-card-head">
        <h2 id="key-usage">Usage</h2>
        <nav className="seg" aria-label="Usage time range">
          {(Object.keys(RANGES) as RangeKey[]).map((r) => (
            <Link prefetch={false} key={r} href={href(r)} aria-current={r === range ? "true" : undefined} scroll={false}>
              {CONSOLE_I18N.m.usage.ranges[r]}
            </Link>
          ))}
        </nav>
      </div>
      <dl className="c-usage-totals">
        <div>
          <dt>Verifications</dt>
          <dd data-testid="usage-total">{formatCount(sum.total, CONSOLE_LOCALE)}</dd>
        </div>
        <div>
          <dt>Valid</dt>
          <dd>{formatCount(sum.valid, CONSOLE_LOCALE)}</dd>
        </div>
        <div>
          <dt>Rejected</dt>
          <dd>{formatCount(sum.total - sum.valid, CONSOLE_LOCALE)}</dd>
        </div>
      </dl>
      {sum.total === 0 ? (
        <p className="muted" data-testid="usage-empty">
          No verifications in the last {label}. Each keys.verifyKey call with this key shows up here within a minute.
        </p>
      ) : (
        <>
          <UsageChart locale={CONSOLE_LOCALE} buckets={buckets} ticks={axisTicks(buckets, range, "UTC", CONSOLE_LOCALE)} title={title} />
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
            <div className="table-wrap" tabIndex={0} role="region" aria-label="Verifications table">
              <table className="table">
                <caption className="visually-hidden">{title}</caption>
                <thead>
                  <tr>
                    <th scope="col">{unit === "day" ? "Day (UTC)" : "Hour (UTC)"}</th>
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
                        <time dateTime={new Date(b.time).toISOString()}>{formatTime(b.time, "UTC", unit === "day" ? "row-day" : "row-hour", CONSOLE_LOCALE)}</time>
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
        </>
      )}
    </section>
  );
}
