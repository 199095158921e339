"use client";
import { useId } from "react";
import { ActionDialog, type FormAction } from "./action-dialog";

/** "Create API": a name and an optional default key prefix. */
export function CreateApi({ action, label = "Create API" }: { action: FormAction<{ apiId: string; name: string }>; label?: string }) {
  const nameId = useId();
  const prefixId = useId();
  return (
    <ActionDialog label={label} title="Create an API" description="An API is a keyspace: its keys verify against it, and portals offer its keys to end users." action={action} submit="Create API" busy="Creating…">
      {(invalid) => (
        <>
          <div className="field">
            <label htmlFor={nameId}>Name</label>
            <input id={nameId} name="name" className="input" required minLength={3} maxLength={200} autoComplete="off" aria-invalid={invalid === "name" || undefined} />
          </div>
          <div className="field">
            <label htmlFor={prefixId}>Key prefix (optional)</label>
            <input id={prefixId} name="prefix" className="input" maxLength={16} autoComplete="off" spellCheck={false} aria-invalid={invalid === "prefix" || undefined} aria-describedby={`${prefixId}-hint`} />
            <span className="hint" id={`${prefixId}-hint`}>
              1–16 of A–Z, a–z, 0–9 and _. Keys start with it, e.g. <code>acme_3ZbK…</code>
            </span>
          </div>
        </>
      )}
    </ActionDialog>
  );
}
