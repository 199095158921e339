"use client";
import { type FormEvent, useId, useState } from "react";
import { postToParent } from "./embed-bridge";
import { GRACE_OPTIONS } from "@/lib/ui/grace";
import { ActionMenu, type MenuItem } from "./action-menu";
import { FormError, SubmitActions } from "./dialog-form-parts";
import { Modal } from "./modal";
import { useRevealSecret } from "./secret-host";
import { useHydrated } from "./use-hydrated";
import { usePortalAction } from "./use-portal-action";

type Key = { keyId: string; name?: string; start: string };
type Can = { rename: boolean; reroll: boolean; revoke: boolean };
type Dialog = "rename" | "reroll" | "revoke" | undefined;

/**
 * Per-row actions behind one "⋯" menu, so the column never wraps. Only the actions the caller
 * allows are offered (the server refuses the rest anyway); in a preview session the menu button is
 * disabled, with the reason as a tooltip.
 */
export function KeyActions({ portalId, keyRow, can, disabledReason }: { portalId: string; keyRow: Key; can: Can; disabledReason?: string }) {
  const [dialog, setDialog] = useState<Dialog>();
  const { busy, error, setError, run } = usePortalAction(portalId, () => setDialog(undefined));
  const reveal = useRevealSecret();
  const hydrated = useHydrated();
  const nameId = useId();
  const label = keyRow.name || keyRow.start;

  const open = (d: Dialog) => () => {
    setError(undefined);
    setDialog(d);
  };

  const rename = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const name = String(new FormData(e.currentTarget).get("name") ?? "").trim();
    void run("portal.updateKey", { keyId: keyRow.keyId, name }, () => {});
  };
  const reroll = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const expiration = Number(new FormData(e.currentTarget).get("grace") ?? 0);
    void run<{ key: string; keyId: string }>("portal.rerollKey", { keyId: keyRow.keyId, expiration }, (d) => {
      postToParent({ type: "key.rolled", keyId: keyRow.keyId, newKeyId: d.keyId });
      reveal(`Your new key for ${label}`, d.key);
    });
  };
  const revoke = () => void run("portal.deleteKey", { keyId: keyRow.keyId }, () => postToParent({ type: "key.revoked", keyId: keyRow.keyId }));

  const items: MenuItem[] = [
    ...(can.rename ? [{ label: "Rename", onSelect: open("rename") }] : []),
    ...(can.reroll ? [{ label: "Roll", onSelect: open("reroll") }] : []),
    ...(can.revoke ? [{ label: "Revoke", onSelect: open("revoke"), danger: true }] : []),
  ];
  if (items.length === 0) return null;

  return (
    <>
      <ActionMenu label={`Actions for ${label}`} items={items} disabled={Boolean(disabledReason) || !hydrated} title={disabledReason} />

      <Modal open={dialog === "rename"} onClose={() => setDialog(undefined)} title="Rename key">
        <form onSubmit={rename}>
          <FormError error={error} />
          <div className="field">
            <label htmlFor={nameId}>Name</label>
            <input id={nameId} name="name" className="input" required maxLength={200} defaultValue={keyRow.name ?? ""} autoComplete="off" autoFocus />
          </div>
          <SubmitActions onCancel={() => setDialog(undefined)} busy={busy} text="Save" busyText="Saving…" />
        </form>
      </Modal>

      <Modal
        open={dialog === "reroll"}
        onClose={() => setDialog(undefined)}
        title={`Roll “${label}”`}
        description={`Rolling creates a new key with the same name and settings. Choose how long the current key (${keyRow.start}…) keeps working, so you can deploy the new one first.`}
      >
        <form onSubmit={reroll}>
          <FormError error={error} />
          <fieldset className="radio-list">
            <legend className="visually-hidden">When should the current key stop working?</legend>
            {GRACE_OPTIONS.map((o) => (
              <label key={o.ms}>
                <input type="radio" name="grace" value={o.ms} defaultChecked={o.ms === 3_600_000} />
                <span>{o.ms === 0 ? "Stop the current key immediately" : `Current key stops working ${o.label.toLowerCase()}`}</span>
              </label>
            ))}
          </fieldset>
          <SubmitActions onCancel={() => setDialog(undefined)} busy={busy} text="Roll key" busyText="Rolling…" />
        </form>
      </Modal>

      <Modal
        open={dialog === "revoke"}
        onClose={() => setDialog(undefined)}
        title={`Revoke “${label}”?`}
        description={`Anything using the key ${keyRow.start}… stops working immediately. This cannot be undone.`}
      >
        <FormError error={error} />
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={() => setDialog(undefined)} autoFocus>
            Cancel
          </button>
          <button type="button" className="btn btn-danger" disabled={busy} onClick={revoke}>
            {busy ? "Revoking…" : "Revoke key"}
          </button>
        </div>
      </Modal>
    </>
  );
}
