"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useI18n } from "./i18n";
import { portalCall } from "./portal-call";

/**
 * The one way a portal dialog calls the API: `busy` while the call runs, the refusal's message
 * in `error` (the dialog stays open), and on success `onDone` (close the dialog), then the caller's
 * `after` with the data, then a refresh so the server-rendered list shows the change.
 */
export function usePortalAction(portalId: string, onDone: () => void) {
  const router = useRouter();
  const i18n = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const run = async <T,>(endpoint: string, body: unknown, after: (data: T) => void) => {
    setBusy(true);
    setError(undefined);
    const res = await portalCall<T>(portalId, endpoint, body, i18n);
    setBusy(false);
    if (!res.ok) return setError(res.message);
    onDone();
    after(res.data);
    router.refresh();
  };

  return { busy, error, setError, run };
}
