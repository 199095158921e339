"use client";
import { ActionDialog, type FormAction } from "./action-dialog";

/** "Revoke" of one root key, after a confirmation that says what stops working. */
export function RevokeRootKey({ action, keyId, start, name }: { action: FormAction<{ keyId: string }>; keyId: string; start: string; name: string | null }) {
  const what = name ? `“${name}” (${start}…)` : `${start}…`;
  return (
    <ActionDialog
      label="Revoke"
      ariaLabel={`Revoke ${name ?? start}`}
      title={`Revoke the root key ${what}?`}
      description="Backends using it are refused at once on this server, and within a second on every other. This cannot be undone."
      action={action}
      submit="Revoke root key"
      busy="Revoking…"
      danger
      buttonClass="btn btn-sm btn-danger-ghost"
    >
      <input type="hidden" name="keyId" value={keyId} />
    </ActionDialog>
  );
}
