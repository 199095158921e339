"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/console/action-result";
import type { FormAction } from "./action-dialog";

/**
 * Revoke one portal session: a form POST to the sessions page's action (portal.revokeSession
 * {sessionId}). No dialog: revoking only signs the user out of that portal, and they can be sent a
 * new link. A refusal shows beside the button.
 */
export function RevokeSessionButton({ workspaceId, sessionId, portalName, action }: { workspaceId: string; sessionId: string; portalName: string; action: FormAction<{ revoked: number }> }) {
  const [state, formAction, pending] = useActionState<ActionState<{ revoked: number }>, FormData>(action, undefined);
  return (
    <form action={formAction} className="c-inline-form">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="sessionId" value={sessionId} />
      <button type="submit" className="btn btn-sm btn-danger-ghost" disabled={pending} aria-label={`Revoke session ${sessionId} of ${portalName}`} data-testid="revoke-session">
        {pending ? "Revoking…" : "Revoke"}
      </button>
      {state && !state.ok ? (
        <span className="form-error" role="alert">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
