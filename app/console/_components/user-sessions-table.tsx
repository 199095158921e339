import type { ReactNode } from "react";
import type { ConsoleSessionRow } from "@/lib/console/user-sessions";
import { DataTable } from "./data-table";
import { When } from "../../portal/_components/when";
import { CONSOLE_I18N } from "@/lib/console/english";

const STATE: Record<ConsoleSessionRow["state"], { label: string; className: string }> = {
  active: { label: "Active", className: "badge badge-active" },
  pending: { label: "Link not used yet", className: "badge badge-expiring" },
  expired: { label: "Expired", className: "badge badge-expired" },
  revoked: { label: "Revoked", className: "badge badge-disabled" },
};

/**
 * An end user's portal sessions: portal, state, preview, created, last seen, end; `actions` renders a
 * row's buttons (the sessions page's Revoke), none on the key page.
 */
export function UserSessionsTable({ rows, now, caption, actions }: { rows: ConsoleSessionRow[]; now: number; caption: string; actions?: (row: ConsoleSessionRow) => ReactNode }) {
  return (
    <DataTable<ConsoleSessionRow>
      caption={caption}
      testId="sessions-table"
      rows={rows}
      rowKey={(s) => s.id}
      columns={[
        {
          header: "Portal",
          primary: true,
          cell: (s) => (
            <div className="c-key-cell">
              <span className="c-name">{s.portalName}</span>
              <span className="c-id">{s.id}</span>
            </div>
          ),
        },
        {
          header: "Status",
          cell: (s) => (
            <span className="c-badges">
              <span className={STATE[s.state].className} data-testid="session-state">
                {STATE[s.state].label}
              </span>
              {s.preview ? <span className="badge badge-expiring">Preview</span> : null}
            </span>
          ),
        },
        { header: "Created", cell: (s) => <When at={s.createdAt} now={now} i18n={CONSOLE_I18N} timeZone="UTC" /> },
        { header: "Last seen", cell: (s) => (s.lastSeenAt ? <When at={s.lastSeenAt} now={now} i18n={CONSOLE_I18N} timeZone="UTC" /> : <span className="muted">Never</span>) },
        { header: "Ends", cell: (s) => (s.state === "revoked" ? <span className="muted">Revoked</span> : <When at={s.expiresAt} now={now} i18n={CONSOLE_I18N} timeZone="UTC" />) },
        ...(actions ? [{ header: "Actions", actions: true, cell: actions }] : []),
      ]}
    />
  );
}
