"use client";
import { useEffect, useRef, useState } from "react";

type State = "working" | "network";

/**
 * The landing step (SPEC §3 "Browser session"). The one-time code is read from the address bar in
 * the browser — never from server props, which would serialise it into the HTML — and redeemed with
 * a POST, so a link scanner's bare GET consumes nothing. The code leaves the address bar (and so
 * the history and any later Referer) before the request is even sent.
 */
export function ExchangeCode({ portalId }: { portalId: string }) {
  const [state, setState] = useState<State>("working");
  const code = useRef<string | null | undefined>(undefined);
  const base = `/portal/${encodeURIComponent(portalId)}`;

  const redeem = async () => {
    setState("working");
    const value = code.current;
    if (!value) return window.location.replace(`${base}/keys`);
    let res: Response;
    try {
      res = await fetch("/v2/portal.exchangeCode", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ code: value }),
        credentials: "same-origin",
      });
    } catch {
      // The response may have been lost after the server redeemed the code; a retry that carries
      // the cookie it set is answered with the same session (SPEC §3), so "Try again" is safe.
      return setState("network");
    }
    if (res.ok) return window.location.replace(`${base}/keys`);
    window.location.replace(`${base}/ended?reason=${res.status === 429 ? "rate_limited" : "invalid_link"}`);
  };

  useEffect(() => {
    if (code.current !== undefined) return; // React strict mode runs effects twice in development
    const url = new URL(window.location.href);
    code.current = url.searchParams.get("session");
    url.searchParams.delete("session");
    window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
    void redeem();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs once, on arrival
  }, []);

  if (state === "network") {
    return (
      <div className="p-message" role="alert">
        <h1>We couldn’t reach the server</h1>
        <p>Check your connection, then try again. Your sign-in link is still in this tab.</p>
        <div className="actions">
          <button type="button" className="btn btn-primary" onClick={() => void redeem()}>
            Try again
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="p-message" role="status" aria-live="polite">
      <div className="spinner" aria-hidden="true" />
      <h1>Signing you in…</h1>
      <p>This takes a moment.</p>
    </div>
  );
}
