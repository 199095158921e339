"use client";
import { useId, useState } from "react";
import { useI18n } from "./i18n";
import { Modal } from "./modal";

/**
 * Shows a freshly minted key exactly once. It lives only in this component's state (never in
 * server HTML or the URL); the dialog cannot be dismissed until the user confirms they copied it.
 */
export function SecretReveal({ secret, title, onDone }: { secret: string | undefined; title: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const inputId = useId();
  const { m } = useI18n();

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
      description={m.reveal.description}
    >
      <label htmlFor={inputId} className="visually-hidden">
        {m.reveal.label}
      </label>
      <div className="secret-box">
        <input id={inputId} className="input" readOnly value={secret ?? ""} onFocus={(e) => e.currentTarget.select()} spellCheck={false} autoComplete="off" data-testid="new-key" />
        <button type="button" className="btn btn-primary" onClick={copy}>
          {copied ? m.copied : m.copy}
        </button>
      </div>
      <p role="status" aria-live="polite" className="visually-hidden">
        {copied ? m.reveal.copiedToClipboard : ""}
      </p>
      <label className="checkbox">
        <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
        <span>{m.reveal.confirm}</span>
      </label>
      <div className="dialog-actions">
        <button type="button" className="btn btn-primary" disabled={!confirmed} onClick={done}>
          {m.reveal.done}
        </button>
      </div>
    </Modal>
  );
}
