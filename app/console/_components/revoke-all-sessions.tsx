"use client";
import { useState } from "react";
import { ActionDialog, type FormAction } from "./action-dialog";

/**
 * "Revoke all sessions" of one end user: a dialog that says what happens, then the sessions page's
 * action (portal.revokeSession {externalId}); afterwards a status line says how many were revoked.
 */
export function RevokeAllSessions({ workspaceId, externalId, live, action }: { workspaceId: string; externalId: string; live: number; action: FormAction<{ revoked: number }> }) {
  const [done, setDone] = useState<number | undefined>(undefined);
  return (
    <div className="c-inline-form">
      <ActionDialog
        label="Revoke all sessions"
        title={`Revoke every session of ${externalId}?`}
        description={`${live > 0 ? `${live} session${live === 1 ? " is" : "s are"} still usable on this page. ` : ""}Every portal session of ${externalId} in this workspace ends at once, unused links included; their next request is refused. They can be sent new links.`}
        action={action}
        submit="Revoke all"
        busy="Revoking…"
        danger
        buttonClass="btn btn-sm btn-danger-ghost"
        onDone={(r) => setDone(r.revoked)}
      >
        <input type="hidden" name="workspaceId" value={workspaceId} />
        <input type="hidden" name="externalId" value={externalId} />
      </ActionDialog>
      {done !== undefined ? (
        <span role="status" className="muted" data-testid="revoked-count">
          {done === 1 ? "1 session revoked." : `${done} sessions revoked.`}
        </span>
      ) : null}
    </div>
  );
}
