"use client";

/** Anything unexpected while rendering a portal page: a calm message, never a stack trace. */
export default function PortalError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="card empty" role="alert">
      <h2>Something went wrong</h2>
      <p>We couldn’t load this page. Please try again in a moment.</p>
      <button type="button" className="btn" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
