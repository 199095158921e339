"use client";
import { type FormEvent, useId, useState, useTransition } from "react";
import type { FormResult } from "@/lib/console/portals/form-result";

/**
 * "Open as a test user": mints a preview session for the typed externalId and opens the portal in a
 * new tab, signed in as that user with changes turned off (docs/console.md "Portals"). The tab is
 * opened on the click, before the server answers, so no popup blocker stands in the way; it never
 * gets a handle on the console (opener cut). The link is single-use and is shown nowhere else.
 */
export function OpenAsTestUser({ open }: { open: (externalId: string) => Promise<FormResult<{ url: string }>> }) {
  const id = useId();
  const [externalId, setExternalId] = useState("test-user");
  const [error, setError] = useState<string>();
  const [fallback, setFallback] = useState<string>();
  const [pending, startTransition] = useTransition();

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setFallback(undefined);
    const tab = window.open("", "_blank");
    if (tab) tab.opener = null;
    startTransition(async () => {
      const r = await open(externalId);
      if (!r.ok) {
        tab?.close();
        setError(r.fieldErrors.externalId?.join(" ") ?? r.message);
        return;
      }
      setError(undefined);
      if (tab && !tab.closed) tab.location.href = r.data.url;
      else setFallback(r.data.url);
    });
  };

  return (
    <form className="cp-test-user" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={id}>Test user (externalId)</label>
        <input
          id={id}
          name="externalId"
          className="input"
          value={externalId}
          onChange={(e) => setExternalId(e.currentTarget.value)}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : `${id}-hint`}
        />
        {error ? (
          <p id={`${id}-error`} className="cp-field-error" role="alert">
            {error}
          </p>
        ) : (
          <p id={`${id}-hint`} className="hint">
            A preview session: that user&apos;s keys, read-only, in a new tab.
          </p>
        )}
      </div>
      <button type="submit" className="btn btn-sm" disabled={pending}>
        {pending ? "Opening…" : "Open as a test user"}
      </button>
      {fallback ? (
        <p className="hint" role="status">
          The browser blocked the new tab.{" "}
          <a href={fallback} target="_blank" rel="noopener noreferrer">
            Open the portal as {externalId}
          </a>{" "}
          (works once).
        </p>
      ) : null}
    </form>
  );
}
