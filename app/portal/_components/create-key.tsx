"use client";
import { type FormEvent, useEffect, useId, useState } from "react";
import { CREATE_DIALOG_FLAG } from "@/lib/portal-sessions/intent-flag";
import { EXPIRY_OPTIONS } from "@/lib/ui/grace";
import { FormError, SubmitActions } from "./dialog-form-parts";
import { postToParent } from "./embed-bridge";
import { useI18n } from "./i18n";
import { Modal } from "./modal";
import { useRevealSecret } from "./secret-host";
import { useHydrated } from "./use-hydrated";
import { usePortalAction } from "./use-portal-action";

type Api = { id: string; name: string };

/**
 * "Create key": a small form (name, expiry, API when the portal has several), then the key shown once.
 * `openOnArrival` opens the form once the page is interactive (a session minted with intent
 * `create_key`, lib/portal-sessions/intent.ts) and drops the flag from the address, so a reload does
 * not open it again.
 */
export function CreateKey({
  portalId,
  apis,
  disabledReason,
  label,
  openOnArrival = false,
}: {
  portalId: string;
  apis: Api[];
  disabledReason?: string;
  label?: string;
  openOnArrival?: boolean;
}) {
  const [open, setOpen] = useState(openOnArrival);
  const { busy, error, run } = usePortalAction(portalId, () => setOpen(false));
  const reveal = useRevealSecret();
  const hydrated = useHydrated();
  const nameId = useId();
  const expiryId = useId();
  const apiId = useId();
  const { m } = useI18n();

  useEffect(() => {
    if (!openOnArrival) return;
    const url = new URL(window.location.href);
    url.searchParams.delete(CREATE_DIALOG_FLAG);
    window.history.replaceState(window.history.state, "", url);
  }, [openOnArrival]);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const days = Number(form.get("expiry") ?? 0);
    const body: Record<string, unknown> = { name: String(form.get("name") ?? "").trim() };
    if (days > 0) body.expires = Date.now() + days * 86_400_000;
    const api = form.get("apiId");
    if (typeof api === "string" && api) body.apiId = api;
    await run<{ keyId: string; key: string }>("portal.createKey", body, (d) => {
      postToParent({ type: "key.created", keyId: d.keyId, name: typeof body.name === "string" && body.name ? body.name : undefined });
      reveal(m.create.revealTitle, d.key);
    });
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
        {label ?? m.create.button}
      </button>
      <Modal open={open} onClose={() => setOpen(false)} title={m.create.title} description={m.create.description}>
        <form onSubmit={submit}>
          <FormError error={error} />
          <div className="field">
            <label htmlFor={nameId}>{m.create.name}</label>
            <input id={nameId} name="name" className="input" required maxLength={200} placeholder={m.create.namePlaceholder} autoComplete="off" autoFocus />
          </div>
          {apis.length > 1 ? (
            <div className="field">
              <label htmlFor={apiId}>{m.create.api}</label>
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
            <label htmlFor={expiryId}>{m.create.expires}</label>
            <select id={expiryId} name="expiry" className="select" defaultValue="0">
              {EXPIRY_OPTIONS.map((o) => (
                <option key={o.days} value={o.days}>
                  {m.create.expiry[o.message]}
                </option>
              ))}
            </select>
          </div>
          <SubmitActions onCancel={() => setOpen(false)} busy={busy} text={m.create.submit} busyText={m.create.busy} />
        </form>
      </Modal>
    </>
  );
}
