"use client";
import { useState } from "react";
import { endedPath } from "@/lib/portal-sessions/ended-path";
import { useI18n } from "./i18n";
import { useHydrated } from "./use-hydrated";

/** Ends the session on the server (row and cookie entry), then shows the "signed out" page, in the session's language. */
export function SignOut({ portalId }: { portalId: string }) {
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const { locale, m } = useI18n();
  const signOut = async () => {
    setBusy(true);
    await fetch("/v2/portal.logout", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Keyport-Portal": portalId },
      body: "{}",
      credentials: "same-origin",
    }).catch(() => undefined);
    // A full navigation: nothing of the signed-in page stays in the client router's cache.
    window.location.replace(endedPath(portalId, "signed_out", locale));
  };
  return (
    <button type="button" className="btn btn-sm" onClick={signOut} disabled={busy || !hydrated} data-pending={hydrated ? undefined : ""}>
      {busy ? m.signingOut : m.signOut}
    </button>
  );
}
