"use client";
import { useEffect, useId, useState } from "react";
import { ActionDialog, type FormAction, useFormGate } from "./action-dialog";

/**
 * A destructive action that asks the viewer to type a word (the thing's name) before it runs. The
 * button stays disabled until the text matches; the server action checks the same text again, so a
 * forged request without it changes nothing.
 */
export function TypedConfirmation<T>({
  label,
  accessibleLabel,
  title,
  description,
  expected,
  action,
  submit,
  busy,
  hidden,
}: {
  label: string;
  /** What the trigger button says to a screen reader, when `label` alone is ambiguous in a list ("Delete" → "Delete API Payments"). */
  accessibleLabel?: string;
  title: string;
  description: string;
  expected: string;
  action: FormAction<T>;
  submit: string;
  busy: string;
  hidden: Record<string, string>;
}) {
  return (
    <ActionDialog
      label={label}
      ariaLabel={accessibleLabel}
      title={title}
      description={description}
      action={action}
      submit={submit}
      busy={busy}
      danger
      gated
      buttonClass="btn btn-sm btn-danger-ghost"
    >
      {(invalid) => <ConfirmField expected={expected} hidden={hidden} invalid={invalid === "confirm"} />}
    </ActionDialog>
  );
}

function ConfirmField({ expected, hidden, invalid }: { expected: string; hidden: Record<string, string>; invalid: boolean }) {
  const id = useId();
  const [typed, setTyped] = useState("");
  const setReady = useFormGate();
  useEffect(() => setReady(typed === expected), [typed, expected, setReady]);
  return (
    <div className="field">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label htmlFor={id}>
        Type <strong className="c-confirm-word">{expected}</strong> to confirm
      </label>
      <input id={id} name="confirm" className="input" autoComplete="off" spellCheck={false} value={typed} onChange={(e) => setTyped(e.target.value)} aria-invalid={invalid || undefined} data-testid="typed-confirmation" />
      {typed.length >= expected.length && typed !== expected ? <span className="hint">It must match exactly, including capitals.</span> : null}
    </div>
  );
}
