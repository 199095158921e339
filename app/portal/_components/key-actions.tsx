"use client";
import { type FormEvent, useId, useState } from "react";
import { fill } from "@/lib/i18n/translate";
import { postToParent } from "./embed-bridge";
import { GRACE_OPTIONS } from "@/lib/ui/grace";
import { ActionMenu, type MenuItem } from "./action-menu";
import { FormError, SubmitActions } from "./dialog-form-parts";
import { useI18n } from "./i18n";
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
  const { m: all } = useI18n();
  const m = all.actions;

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
      reveal(fill(m.rolledRevealTitle, { key: label }), d.key);
    });
  };
  const revoke = () => void run("portal.deleteKey", { keyId: keyRow.keyId }, () => postToParent({ type: "key.revoked", keyId: keyRow.keyId }));

  const items: MenuItem[] = [
    ...(can.rename ? [{ label: m.rename, onSelect: open("rename") }] : []),
    ...(can.reroll ? [{ label: m.roll, onSelect: open("reroll") }] : []),
    ...(can.revoke ? [{ label: m.revoke, onSelect: open("revoke"), danger: true }] : []),
  ];
  if (items.length === 0) return null;

  return (
    <>
      <ActionMenu label={fill(m.menu, { key: label })} items={items} disabled={Boolean(disabledReason) || !hydrated} title={disabledReason} />

      <Modal open={dialog === "rename"} onClose={() => setDialog(undefined)} title={m.renameTitle}>
        <form onSubmit={rename}>
          <FormError error={error} />
          <div className="field">
            <label htmlFor={nameId}>{m.name}</label>
            <input id={nameId} name="name" className="input" required maxLength={200} defaultValue={keyRow.name ?? ""} autoComplete="off" autoFocus />
          </div>
          <SubmitActions onCancel={() => setDialog(undefined)} busy={busy} text={m.save} busyText={m.saving} />
        </form>
      </Modal>

      <Modal
        open={dialog === "reroll"}
        onClose={() => setDialog(undefined)}
        title={fill(m.rollTitle, { key: label })}
        description={fill(m.rollDescription, { start: keyRow.start })}
      >
        <form onSubmit={reroll}>
          <FormError error={error} />
          <fieldset className="radio-list">
            <legend className="visually-hidden">{m.graceLegend}</legend>
            {GRACE_OPTIONS.map((o) => (
              <label key={o.ms}>
                <input type="radio" name="grace" value={o.ms} defaultChecked={o.ms === 3_600_000} />
                <span>{m.grace[o.message]}</span>
              </label>
            ))}
          </fieldset>
          <SubmitActions onCancel={() => setDialog(undefined)} busy={busy} text={m.rollSubmit} busyText={m.rolling} />
        </form>
      </Modal>

      <Modal
        open={dialog === "revoke"}
        onClose={() => setDialog(undefined)}
        title={fill(m.revokeTitle, { key: label })}
        description={fill(m.revokeDescription, { start: keyRow.start })}
      >
        <FormError error={error} />
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={() => setDialog(undefined)} autoFocus>
            {all.cancel}
          </button>
          <button type="button" className="btn btn-danger" disabled={busy} onClick={revoke}>
            {busy ? m.revoking : m.revokeSubmit}
          </button>
        </div>
      </Modal>
    </>
  );
}
