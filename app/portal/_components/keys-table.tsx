import { KEY_STATE_LABEL, keyState } from "@/lib/ui/key-state";
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
 * with sample keys (docs/console.md "Portals").
 */
export function KeysTable({ portalId, keys, can, filter, disabledReason, now }: { portalId: string; keys: PortalKeyView[]; can: Can; filter?: string; disabledReason?: string; now: number }) {
  const anyRowAction = can.rename || can.reroll || can.revoke;
  return (
    <div className="table-wrap">
      <table className="table table-stack keys-table">
        <caption className="visually-hidden">Your API keys{filter ? `, filtered by “${filter}”` : ""}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Key</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Expires</th>
            <th scope="col">Status</th>
            <th scope="col">Limits</th>
            {anyRowAction ? (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
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
                    <span className="muted">Untitled key</span>
                  )}
                  {k.replaced ? <KeyRelation replaced={k.replaced} expires={k.expires} now={now} /> : null}
                  {k.meta ? <KeyMeta meta={k.meta} /> : null}
                </td>
                <td data-label="Key">
                  <code className="key-start">{k.start}…</code>
                </td>
                <td data-label="Created">
                  <When at={k.createdAt} now={now} />
                </td>
                <td data-label="Last used">{k.lastUsedAt ? <When at={k.lastUsedAt} now={now} /> : <span className="muted">Never</span>}</td>
                <td data-label="Expires">{k.expires ? <When at={k.expires} now={now} /> : <span className="muted">Never</span>}</td>
                <td data-label="Status">
                  <span className={`badge badge-${state}`}>{KEY_STATE_LABEL[state]}</span>
                </td>
                <td data-label="Limits">
                  <KeyLimits credits={k.credits} ratelimits={k.ratelimits} />
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
