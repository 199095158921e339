"use client";
import { createContext, type ReactNode, useContext, useState, useTransition } from "react";
import type { ActionResult, ActionState } from "@/lib/console/action-result";
import { FormError } from "../../portal/_components/dialog-form-parts";
import { Modal } from "../../portal/_components/modal";
import { useHydrated } from "../../portal/_components/use-hydrated";

export type FormAction<T> = (state: ActionState<T>, form: FormData) => Promise<ActionResult<T>>;

/** Lets a field of a gated form say whether the form may be sent yet (a typed confirmation). */
const Gate = createContext<(ready: boolean) => void>(() => {});
export const useFormGate = () => useContext(Gate);

/**
 * A button that opens a dialog holding one form bound to a server action: the action's refusal shows
 * in the form (its catalogue message, the field it names marked invalid), success closes the dialog and
 * hands the result to `onDone` (which must not rely on this component staying mounted: the page
 * re-renders after a change). The form is remounted on every opening, so an old error never lingers.
 */
export function ActionDialog<T>({
  label,
  ariaLabel,
  title,
  description,
  action,
  submit,
  busy,
  buttonClass = "btn btn-primary",
  danger,
  gated,
  onDone,
  children,
}: {
  label: ReactNode;
  /** What the button says to a screen reader when `label` alone is ambiguous in a list ("Delete" → "Delete Payments"). */
  ariaLabel?: string;
  title: string;
  description?: ReactNode;
  action: FormAction<T>;
  submit: string;
  busy: string;
  buttonClass?: string;
  danger?: boolean;
  /** The submit button waits for a field to open the gate (useFormGate). */
  gated?: boolean;
  onDone?: (result: { ok: true } & T) => void;
  /** The fields; a function gets the field the last refusal named, to mark it invalid. */
  children: ReactNode | ((invalid: string | undefined) => ReactNode);
}) {
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(0);
  const hydrated = useHydrated();
  return (
    <>
      <button type="button" className={buttonClass} aria-label={ariaLabel} onClick={() => (setOpened((n) => n + 1), setOpen(true))} disabled={!hydrated} data-pending={hydrated ? undefined : ""}>
        {label}
      </button>
      <Modal open={open} onClose={() => setOpen(false)} title={title} description={description}>
        {open ? (
          <ActionForm
            key={opened}
            action={action}
            submit={submit}
            busy={busy}
            danger={danger}
            gated={gated}
            onCancel={() => setOpen(false)}
            onDone={(r) => {
              setOpen(false);
              onDone?.(r);
            }}
          >
            {children}
          </ActionForm>
        ) : null}
      </Modal>
    </>
  );
}

function ActionForm<T>({
  action,
  submit,
  busy,
  danger,
  gated,
  onCancel,
  onDone,
  children,
}: {
  action: FormAction<T>;
  submit: string;
  busy: string;
  danger?: boolean;
  gated?: boolean;
  onCancel: () => void;
  onDone: (result: { ok: true } & T) => void;
  children: ReactNode | ((invalid: string | undefined) => ReactNode);
}) {
  const [pending, startPending] = useTransition();
  const [refused, setRefused] = useState<{ error: string; field?: string }>();
  const [ready, setReady] = useState(!gated);
  return (
    <form
      noValidate
      // The action is called from here, not through <form action>: React resets a form after its action
      // runs (every field the viewer filled would empty whenever the server refuses one), and the result
      // is handled after the await even when the page's re-render has unmounted this form meanwhile.
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startPending(async () => {
          const result = await action(undefined, data);
          if (result.ok) onDone(result);
          else setRefused({ error: result.error, field: result.field });
        });
      }}
    >
      <FormError error={refused?.error} />
      <Gate.Provider value={setReady}>{typeof children === "function" ? children(refused?.field) : children}</Gate.Provider>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className={danger ? "btn btn-danger" : "btn btn-primary"} disabled={pending || !ready}>
          {pending ? busy : submit}
        </button>
      </div>
    </form>
  );
}
