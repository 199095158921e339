"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/console/action-result";
import type { FormAction } from "./action-dialog";

/**
 * Disable or enable a key: one button, a form POST to the page's server action (keys.updateKey
 * {enabled}). A refusal shows beside the button; success re-renders the page with the new state.
 */
export function KeyEnableToggle({ workspaceId, keyId, enabled, action }: { workspaceId: string; keyId: string; enabled: boolean; action: FormAction<{ enabled: boolean }> }) {
  const [state, formAction, pending] = useActionState<ActionState<{ enabled: boolean }>, FormData>(action, undefined);
  return (
    <form action={formAction} className="c-inline-form">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="keyId" value={keyId} />
      <input type="hidden" name="enabled" value={enabled ? "false" : "true"} />
      <button type="submit" className="btn btn-sm" disabled={pending} data-testid="key-toggle">
        {pending ? (enabled ? "Disabling…" : "Enabling…") : enabled ? "Disable key" : "Enable key"}
      </button>
      {state && !state.ok ? (
        <span className="form-error" role="alert">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
