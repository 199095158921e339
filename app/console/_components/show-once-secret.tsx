"use client";
import { type ReactNode, useId, useState } from "react";
import { Modal } from "../../portal/_components/modal";

/**
 * A secret shown exactly once (a new root key): only in this component's state, never in server HTML
 * or the address. The dialog cannot be dismissed until the viewer confirms they stored it.
 */
export function ShowOnceSecret({ secret, title, label, children, onDone }: { secret: string | undefined; title: string; label: string; children?: ReactNode; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const inputId = useId();

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret ?? "");
      setCopied(true);
    } catch {
      // Clipboard refused (permissions, plain http): select the text for a manual copy.
      (document.getElementById(inputId) as HTMLInputElement | null)?.select();
    }
  };
  const done = () => {
    setCopied(false);
    setConfirmed(false);
    onDone();
  };

  return (
    <Modal
      open={secret !== undefined}
      onClose={done}
      dismissible={confirmed}
      title={title}
      description="Copy it now and store it in your backend’s secrets. It is shown only this once: Keyport keeps only a hash of it."
    >
      {children}
      <label htmlFor={inputId} className="field-label">
        {label}
      </label>
      <div className="secret-box">
        <input id={inputId} className="input" readOnly value={secret ?? ""} onFocus={(e) => e.currentTarget.select()} spellCheck={false} autoComplete="off" data-testid="shown-once-secret" />
        <button type="button" className="btn btn-primary" onClick={copy}>
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
      <p role="status" aria-live="polite" className="visually-hidden">
        {copied ? "Copied to the clipboard" : ""}
      </p>
      <label className="checkbox">
        <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
        <span>I have copied it and stored it somewhere safe.</span>
      </label>
      <div className="dialog-actions">
        <button type="button" className="btn btn-primary" disabled={!confirmed} onClick={done}>
          Done
        </button>
      </div>
    </Modal>
  );
}
