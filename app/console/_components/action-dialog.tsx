"use client";
import { createContext, type ReactNode, useActionState, useContext, useEffect, useState } from "react";
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
 * hands the result to `onDone`. The form is remounted on every opening, so an old error never lingers.
 */
export function ActionDialog<T>({
  label,
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
      <button type="button" className={buttonClass} onClick={() => (setOpened((n) => n + 1), setOpen(true))} disabled={!hydrated} data-pending={hydrated ? undefined : ""}>
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
  const [state, formAction, pending] = useActionState<ActionState<T>, FormData>(action, undefined);
  const [ready, setReady] = useState(!gated);
  useEffect(() => {
    if (state?.ok) onDone(state);
    // onDone is a fresh closure on every render; the result is what matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);
  const invalid = state && !state.ok ? state.field : undefined;
  return (
    <form action={formAction} noValidate>
      <FormError error={state && !state.ok ? state.error : undefined} />
      <Gate.Provider value={setReady}>{typeof children === "function" ? children(invalid) : children}</Gate.Provider>
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
