import { useI18n } from "./i18n";

/** The refusal message at the top of a dialog form, announced to screen readers. */
export function FormError({ error }: { error?: string }) {
  return error ? (
    <p className="form-error" role="alert">
      {error}
    </p>
  ) : null;
}

/** Cancel and submit of a dialog form; the submit shows `busyText` and is disabled while the call runs. */
export function SubmitActions({ onCancel, busy, text, busyText }: { onCancel: () => void; busy: boolean; text: string; busyText: string }) {
  const { m } = useI18n();
  return (
    <div className="dialog-actions">
      <button type="button" className="btn" onClick={onCancel}>
        {m.cancel}
      </button>
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? busyText : text}
      </button>
    </div>
  );
}
