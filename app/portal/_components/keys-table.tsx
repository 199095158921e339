import type { I18n } from "@/lib/i18n/catalogue";
import { fill } from "@/lib/i18n/translate";
import { keyState } from "@/lib/ui/key-state";
import type { PortalKeyView } from "@/lib/portal-sessions/portal-key-view";
import { KeyActions } from "./key-actions";
import { KeyLimits } from "./key-limits";
import { KeyMeta } from "./key-meta";
import { KeyRelation } from "./key-relation";
import { When } from "./when";

type Can = { rename: boolean; reroll: boolean; revoke: boolean };

/**
 * The end user's keys as a table: one line per ordinary key; a rolled key says which key replaced it
 * and offers only Revoke. The keys page renders it, and so does the console's preview of a portal
 * with sample keys (docs/console.md "Portals"). In the session's language; times relative, with the
 * exact instant in the viewer's zone on hover.
 */
export function KeysTable({
  portalId,
  keys,
  can,
  filter,
  disabledReason,
  now,
  i18n,
  timeZone,
}: {
  portalId: string;
  keys: PortalKeyView[];
  can: Can;
  filter?: string;
  disabledReason?: string;
  now: number;
  i18n: I18n;
  timeZone: string;
}) {
  const { m } = i18n;
  const col = m.keys.columns;
  const anyRowAction = can.rename || can.reroll || can.revoke;
  return (
    <div className="table-wrap">
      <table className="table table-stack keys-table">
        <caption className="visually-hidden">{filter ? fill(m.keys.captionFiltered, { query: filter }) : m.keys.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{col.name}</th>
            <th scope="col">{col.key}</th>
            <th scope="col">{col.created}</th>
            <th scope="col">{col.lastUsed}</th>
            <th scope="col">{col.expires}</th>
            <th scope="col">{col.status}</th>
            <th scope="col">{col.limits}</th>
            {anyRowAction ? (
              <th scope="col">
                <span className="visually-hidden">{col.actions}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => {
            const state = keyState(k, now);
            const rowCan = k.replaced ? { rename: false, reroll: false, revoke: can.revoke } : { rename: can.rename, reroll: can.reroll, revoke: can.revoke };
            return (
              <tr key={k.keyId}>
                <td className="cell-primary key-name">
                  {k.name ? (
                    <span className="key-name-text" title={k.name}>
                      {k.name}
                    </span>
                  ) : (
                    <span className="muted">{m.keys.untitled}</span>
                  )}
                  {k.replaced ? <KeyRelation replaced={k.replaced} expires={k.expires} now={now} i18n={i18n} timeZone={timeZone} /> : null}
                  {k.meta ? <KeyMeta meta={k.meta} summary={m.keys.details} /> : null}
                </td>
                <td data-label={col.key}>
                  <code className="key-start">{k.start}…</code>
                </td>
                <td data-label={col.created}>
                  <When at={k.createdAt} now={now} i18n={i18n} timeZone={timeZone} />
                </td>
                <td data-label={col.lastUsed}>{k.lastUsedAt ? <When at={k.lastUsedAt} now={now} i18n={i18n} timeZone={timeZone} /> : <span className="muted">{m.keys.never}</span>}</td>
                <td data-label={col.expires}>{k.expires ? <When at={k.expires} now={now} i18n={i18n} timeZone={timeZone} /> : <span className="muted">{m.keys.never}</span>}</td>
                <td data-label={col.status}>
                  <span className={`badge badge-${state}`}>{m.keys.state[state]}</span>
                </td>
                <td data-label={col.limits}>
                  <KeyLimits credits={k.credits} ratelimits={k.ratelimits} i18n={i18n} />
                </td>
                {anyRowAction ? (
                  <td className="cell-actions">
                    <KeyActions portalId={portalId} keyRow={{ keyId: k.keyId, name: k.name, start: k.start }} can={rowCan} disabledReason={disabledReason} />
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
