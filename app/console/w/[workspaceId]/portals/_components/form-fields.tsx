"use client";
import type { ReactNode } from "react";

/** The ids an input's label, hint and errors use, from its field key (`keyTemplate.ratelimits.0.limit`). */
export function fieldId(key: string): string {
  return `portal-${key.replace(/[^A-Za-z0-9]+/g, "-")}`;
}

type Common = { field: string; label: string; hint?: ReactNode; errors?: string[] };

/** Label, control, hint and the API's messages for the field, tied together for assistive technology. */
function Wrap({ field, label, hint, errors, children, inline = false }: Common & { children: (a11y: A11y) => ReactNode; inline?: boolean }) {
  const id = fieldId(field);
  const describedBy = [hint ? `${id}-hint` : "", errors?.length ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  const a11y: A11y = { id, "aria-describedby": describedBy, "aria-invalid": errors?.length ? true : undefined };
  return (
    <div className="field" data-field={field}>
      {inline ? (
        <label className="checkbox" htmlFor={id}>
          {children(a11y)}
          <span>{label}</span>
        </label>
      ) : (
        <>
          <label htmlFor={id}>{label}</label>
          {children(a11y)}
        </>
      )}
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p id={`${id}-error`} className="cp-field-error">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

type A11y = { id: string; "aria-describedby"?: string; "aria-invalid"?: true };

export function TextField({
  value,
  onChange,
  type = "text",
  placeholder,
  inputMode,
  autoComplete = "off",
  spellCheck,
  required,
  ...common
}: Common & {
  value: string;
  onChange: (v: string) => void;
  type?: "text" | "url" | "number";
  placeholder?: string;
  inputMode?: "numeric" | "url" | "text";
  autoComplete?: string;
  spellCheck?: boolean;
  required?: boolean;
}) {
  return (
    <Wrap {...common}>
      {(a11y) => (
        <input
          {...a11y}
          name={common.field}
          className="input"
          type={type}
          value={value}
          placeholder={placeholder}
          inputMode={inputMode}
          autoComplete={autoComplete}
          spellCheck={spellCheck}
          required={required}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      )}
    </Wrap>
  );
}

export function TextAreaField({ value, onChange, rows = 6, placeholder, maxLength, ...common }: Common & { value: string; onChange: (v: string) => void; rows?: number; placeholder?: string; maxLength?: number }) {
  return (
    <Wrap {...common}>
      {(a11y) => <textarea {...a11y} name={common.field} className="input cp-textarea" rows={rows} value={value} placeholder={placeholder} maxLength={maxLength} spellCheck={false} onChange={(e) => onChange(e.currentTarget.value)} />}
    </Wrap>
  );
}

export function CheckField({ checked, onChange, ...common }: Common & { checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <Wrap {...common} inline>
      {(a11y) => <input {...a11y} name={common.field} type="checkbox" checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />}
    </Wrap>
  );
}

export function SelectField<T extends string>({ value, onChange, options, ...common }: Common & { value: T; onChange: (v: T) => void; options: [T, string][] }) {
  return (
    <Wrap {...common}>
      {(a11y) => (
        <select {...a11y} name={common.field} className="select" value={value} onChange={(e) => onChange(e.currentTarget.value as T)}>
          {options.map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </select>
      )}
    </Wrap>
  );
}

/** A group of checkboxes or radios under one legend, with the group's hint and errors. */
export function FieldGroup({ field, legend, hint, errors, children }: { field: string; legend: string; hint?: ReactNode; errors?: string[]; children: ReactNode }) {
  const id = fieldId(field);
  const describedBy = [hint ? `${id}-hint` : "", errors?.length ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className="c-fieldset" id={id} data-field={field} aria-describedby={describedBy} tabIndex={-1}>
      <legend>{legend}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {children}
      {errors?.length ? (
        <p id={`${id}-error`} className="cp-field-error">
          {errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}
