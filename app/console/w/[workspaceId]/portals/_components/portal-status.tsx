"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { FormResult } from "@/lib/console/portals/form-result";

/**
 * Enabled / Disabled, and the button that flips it (portals.enable / portals.disable's verb and
 * audit event). Disabling ends every session's access at once, so it says so.
 */
export function PortalStatus({ enabled, setEnabled }: { enabled: boolean; setEnabled: (enabled: boolean) => Promise<FormResult<{ enabled: boolean }>> }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();
  const flip = () =>
    startTransition(async () => {
      const r = await setEnabled(!enabled);
      setError(r.ok ? undefined : r.message);
      if (r.ok) router.refresh();
    });
  return (
    <div className="cp-status">
      <p className="cp-status-line">
        <span className={`badge ${enabled ? "badge-active" : "badge-disabled"}`} data-testid="portal-state">
          {enabled ? "Enabled" : "Disabled"}
        </span>
        <span className="hint">{enabled ? "Links and sessions work." : "Links and sessions are refused; preview sessions still open."}</span>
      </p>
      <button type="button" className={enabled ? "btn btn-sm btn-danger-ghost" : "btn btn-sm"} onClick={flip} disabled={pending}>
        {pending ? (enabled ? "Disabling…" : "Enabling…") : enabled ? "Disable portal" : "Enable portal"}
      </button>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
