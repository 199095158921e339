import Link from "next/link";
import type { UsageCounters } from "@/db/queries/usage";
import { OUTCOMES } from "@/lib/ui/analytics";
import { formatCount } from "@/lib/ui/format";
import type { ApiUsage, KeyUsage } from "@/lib/verification/workspace-usage";
import { CONSOLE_LOCALE } from "@/lib/console/locale";
import { CONSOLE_I18N } from "@/lib/console/english";

function OutcomeHeads() {
  return (
    <>
      <th scope="col" className="num">
        Total
      </th>
      {OUTCOMES.map((o) => (
        <th scope="col" className="num" key={o.field}>
          {CONSOLE_I18N.m.usage.outcomes[o.field]}
        </th>
      ))}
    </>
  );
}

function OutcomeCells({ counts }: { counts: UsageCounters }) {
  return (
    <>
      <td className="num">{formatCount(counts.total, CONSOLE_LOCALE)}</td>
      {OUTCOMES.map((o) => (
        <td className="num" key={o.field}>
          {formatCount(counts[o.field], CONSOLE_LOCALE)}
        </td>
      ))}
    </>
  );
}

/** Verifications per API by outcome; an API's name narrows the page to it. Scrolls sideways on a phone. */
export function UsageByApi({ apis, rangeLabel, hrefFor }: { apis: ApiUsage[]; rangeLabel: string; hrefFor: (apiId: string) => string }) {
  return (
    <div className="table-wrap c-usage-wrap" tabIndex={0} role="region" aria-label="Verifications per API">
      <table className="table c-usage-table" data-testid="usage-by-api">
        <caption className="visually-hidden">Verifications per API by outcome, last {rangeLabel}</caption>
        <thead>
          <tr>
            <th scope="col">API</th>
            <OutcomeHeads />
          </tr>
        </thead>
        <tbody>
          {apis.map((a) => (
            <tr key={a.apiId} data-api-id={a.apiId}>
              <th scope="row" className="c-name">
                {a.deleted ? (
                  <>
                    {a.name} <span className="muted">(deleted)</span>
                  </>
                ) : (
                  <Link href={hrefFor(a.apiId)}>{a.name}</Link>
                )}
                <span className="c-id">{a.apiId}</span>
              </th>
              <OutcomeCells counts={a.counts} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The most verified keys, each linking to its page in the console (a deleted key has none). */
export function TopKeys({ keys, base, rangeLabel }: { keys: KeyUsage[]; base: string; rangeLabel: string }) {
  return (
    <div className="table-wrap c-usage-wrap" tabIndex={0} role="region" aria-label="Top keys">
      <table className="table c-usage-table" data-testid="usage-top-keys">
        <caption className="visually-hidden">Keys with the most verifications, last {rangeLabel}</caption>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">API</th>
            <OutcomeHeads />
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k.keyId} data-key-id={k.keyId}>
              <th scope="row" className="c-name">
                {k.deleted ? (
                  <>
                    {k.name ?? k.start ?? "Deleted key"} <span className="muted">(deleted)</span>
                  </>
                ) : (
                  <Link href={`${base}/keys/${k.keyId}`}>{k.name || (k.start ? `${k.start}…` : k.keyId)}</Link>
                )}
                <span className="c-id">{k.keyId}</span>
              </th>
              <td>{k.apiName ?? <span className="muted">—</span>}</td>
              <OutcomeCells counts={k.counts} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
