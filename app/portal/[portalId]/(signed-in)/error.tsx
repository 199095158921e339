"use client";
import { useI18n } from "../../_components/i18n";

/** Anything unexpected while rendering a portal page: a calm message, never a stack trace. */
export default function PortalError({ reset }: { error: Error; reset: () => void }) {
  const { m } = useI18n();
  return (
    <div className="card empty" role="alert">
      <h2>{m.pageError.title}</h2>
      <p>{m.pageError.body}</p>
      <button type="button" className="btn" onClick={reset}>
        {m.pageError.retry}
      </button>
    </div>
  );
}
