"use client";
import { useId, useState } from "react";
import { Modal } from "./modal";

/**
 * Shows a freshly minted key exactly once. It lives only in this component's state (never in
 * server HTML or the URL); the dialog cannot be dismissed until the user confirms they copied it.
 */
export function SecretReveal({ secret, title, onDone }: { secret: string | undefined; title: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const inputId = useId();

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret ?? "");
      setCopied(true);
    } catch {
      // Clipboard blocked (permissions, insecure context): select the text for a manual copy.
      const input = document.getElementById(inputId) as HTMLInputElement | null;
      input?.select();
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
      description="Copy this key now and store it somewhere safe. For your security it is shown only once — if you lose it, roll the key to get a new one."
    >
      <label htmlFor={inputId} className="visually-hidden">
        Your new API key
      </label>
      <div className="secret-box">
        <input id={inputId} className="input" readOnly value={secret ?? ""} onFocus={(e) => e.currentTarget.select()} spellCheck={false} autoComplete="off" data-testid="new-key" />
        <button type="button" className="btn btn-primary" onClick={copy}>
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
      <p role="status" aria-live="polite" className="visually-hidden">
        {copied ? "Key copied to the clipboard" : ""}
      </p>
      <label className="checkbox">
        <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
        <span>I have copied this key and stored it somewhere safe.</span>
      </label>
      <div className="dialog-actions">
        <button type="button" className="btn btn-primary" disabled={!confirmed} onClick={done}>
          Done
        </button>
      </div>
    </Modal>
  );
}
