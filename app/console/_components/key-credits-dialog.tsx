"use client";
import { useId, useState } from "react";
import { ActionDialog, type FormAction } from "./action-dialog";

const OPERATIONS = [
  { value: "set", label: "Set to", hint: "The key has exactly this many credits." },
  { value: "increment", label: "Add", hint: "On top of what is left (verifications keep spending meanwhile)." },
  { value: "decrement", label: "Subtract", hint: "Never below 0." },
  { value: "unlimited", label: "Unlimited", hint: "No credit limit; a refill is removed too." },
] as const;

/**
 * "Change credits": a dialog with the four operations of keys.updateCredits (set, add, subtract,
 * unlimited) and the number, sent to the page's server action. The number field is plain text with a
 * numeric keyboard, so the server's message (not the browser's) explains a wrong value.
 */
export function KeyCreditsDialog({
  workspaceId,
  keyId,
  remaining,
  action,
}: {
  workspaceId: string;
  keyId: string;
  remaining: number | null;
  action: FormAction<{ remaining: number | null }>;
}) {
  const id = useId();
  return (
    <ActionDialog
      label="Change credits"
      title="Change credits"
      description={remaining === null ? "This key has unlimited credits." : `This key has ${remaining.toLocaleString("en")} credits left.`}
      action={action}
      submit="Save credits"
      busy="Saving…"
      buttonClass="btn btn-sm"
    >
      {(invalid) => <CreditFields id={id} workspaceId={workspaceId} keyId={keyId} unlimited={remaining === null} invalid={invalid} />}
    </ActionDialog>
  );
}

function CreditFields({ id, workspaceId, keyId, unlimited, invalid }: { id: string; workspaceId: string; keyId: string; unlimited: boolean; invalid: string | undefined }) {
  const [operation, setOperation] = useState<string>("set");
  return (
    <>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="keyId" value={keyId} />
      <fieldset className="radio-list" aria-invalid={invalid === "operation" || undefined}>
        <legend className="field-label">How</legend>
        {OPERATIONS.map((o) => (
          <label key={o.value}>
            <input
              type="radio"
              name="operation"
              value={o.value}
              checked={operation === o.value}
              onChange={() => setOperation(o.value)}
              disabled={unlimited && (o.value === "increment" || o.value === "decrement")}
              aria-describedby={`${id}-${o.value}`}
            />
            <span>
              {o.label}
              <span className="muted c-radio-hint" id={`${id}-${o.value}`}>
                {" "}
                — {o.hint}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      {operation === "unlimited" ? null : (
        <div className="field">
          <label htmlFor={`${id}-credits`}>Credits</label>
          <input
            id={`${id}-credits`}
            name="credits"
            className="input"
            inputMode="numeric"
            autoComplete="off"
            required
            aria-invalid={invalid === "credits" || undefined}
            data-testid="credits-value"
          />
          <span className="hint">A whole number from 0 to 2,147,483,647.</span>
        </div>
      )}
    </>
  );
}
