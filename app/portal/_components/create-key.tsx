"use client";
import { useRouter } from "next/navigation";
import { type FormEvent, useId, useState } from "react";
import { EXPIRY_OPTIONS } from "@/lib/ui/grace";
import { Modal } from "./modal";
import { portalCall } from "./portal-call";
import { useRevealSecret } from "./secret-host";
import { useHydrated } from "./use-hydrated";

type Api = { id: string; name: string };

/** "Create key": a small form (name, expiry, API when the portal has several), then the key shown once. */
export function CreateKey({ portalId, apis, disabledReason, label = "Create key" }: { portalId: string; apis: Api[]; disabledReason?: string; label?: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const reveal = useRevealSecret();
  const hydrated = useHydrated();
  const nameId = useId();
  const expiryId = useId();
  const apiId = useId();

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const days = Number(form.get("expiry") ?? 0);
    const body: Record<string, unknown> = { name: String(form.get("name") ?? "").trim() };
    if (days > 0) body.expires = Date.now() + days * 86_400_000;
    const api = form.get("apiId");
    if (typeof api === "string" && api) body.apiId = api;
    setBusy(true);
    setError(undefined);
    const res = await portalCall<{ keyId: string; key: string }>(portalId, "portal.createKey", body);
    setBusy(false);
    if (!res.ok) return setError(res.message);
    setOpen(false);
    reveal("Your new API key", res.data.key);
    router.refresh();
  };

  return (
    <>
      <button
        type="button"
        className="btn btn-primary"
        onClick={() => setOpen(true)}
        aria-disabled={disabledReason ? true : undefined}
        disabled={Boolean(disabledReason) || !hydrated}
        data-pending={hydrated ? undefined : ""}
        title={disabledReason}
      >
        {label}
      </button>
      <Modal open={open} onClose={() => setOpen(false)} title="Create an API key" description="Give the key a name you will recognise later, such as where it is used.">
        <form onSubmit={submit}>
          {error ? (
            <p className="form-error" role="alert">
              {error}
            </p>
          ) : null}
          <div className="field">
            <label htmlFor={nameId}>Name</label>
            <input id={nameId} name="name" className="input" required maxLength={200} placeholder="e.g. Production server" autoComplete="off" autoFocus />
          </div>
          {apis.length > 1 ? (
            <div className="field">
              <label htmlFor={apiId}>API</label>
              <select id={apiId} name="apiId" className="select">
                {apis.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div className="field">
            <label htmlFor={expiryId}>Expires</label>
            <select id={expiryId} name="expiry" className="select" defaultValue="0">
              {EXPIRY_OPTIONS.map((o) => (
                <option key={o.days} value={o.days}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? "Creating…" : "Create key"}
            </button>
          </div>
        </form>
      </Modal>
    </>
  );
}
