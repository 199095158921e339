"use client";
import type { I18n } from "@/lib/i18n/catalogue";
import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useMemo, useRef, useState, useTransition } from "react";
import type { FieldErrors, FormResult } from "@/lib/console/portals/form-result";
import { EMPTY_RATELIMIT, isFormField, type PortalFormValues, type RatelimitValues } from "@/lib/console/portals/portal-form";
import { previewModel } from "@/lib/console/portals/preview-model";
import { formatDuration } from "@/lib/console/portals/durations";
import { SLUG_RULE } from "@/lib/workspaces/slug";
import { CheckField, FieldGroup, fieldId, SelectField, TextAreaField, TextField } from "./form-fields";
import { PortalPreview } from "./portal-preview";

type Api = { id: string; name: string; prefix?: string };
export type SaveResult = FormResult<{ changed?: string[]; values?: PortalFormValues }>;

/** What the saved message names for each field portals.update reports as changed. */
const LABELS: Record<string, string> = {
  slug: "slug",
  apiIds: "APIs",
  displayName: "display name",
  logoUrl: "logo",
  primaryColor: "colour",
  returnUrl: "return URL",
  apiBaseUrl: "API base URL",
  sessionPolicy: "session policy",
  maxKeys: "key cap",
  docsMarkdown: "docs",
  keyTemplate: "key template",
  showKeyMeta: "key metadata",
  embedOrigins: "embed origins",
};

const MAX_RATELIMITS = 20;
const DOCS_MAX = 5000;
export const PREVIEW_USER = "test-user";

/**
 * Every field of a portal configuration (docs/console.md "Portals"), with the live preview beside it.
 * The form never checks a rule itself: `submit` sends it to the operator API's schema and verb, and
 * each refusal comes back next to the input it names; nothing is saved unless all of it passes.
 */
export function PortalForm({
  mode,
  initial,
  workspaceName,
  apis,
  submit,
  previewI18n,
}: {
  mode: "create" | "edit";
  initial: PortalFormValues;
  workspaceName: string;
  apis: Api[];
  submit: (values: PortalFormValues) => Promise<SaveResult>;
  /** The preview's language: English (lib/i18n/catalogue.ts i18nFor("en")), from the server page. */
  previewI18n: I18n;
}) {
  const router = useRouter();
  const [values, setValues] = useState(initial);
  const [result, setResult] = useState<SaveResult>();
  const [pending, startTransition] = useTransition();
  const summary = useRef<HTMLDivElement>(null);
  const model = useMemo(() => previewModel(values, { workspaceName, apis }), [values, workspaceName, apis]);
  const errors: FieldErrors = result && !result.ok ? result.fieldErrors : {};
  const err = (key: string) => errors[key];
  const set = <K extends keyof PortalFormValues>(key: K) => (value: PortalFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));

  // After a refusal, focus goes to the first field it names (else the summary), so it is read out.
  useEffect(() => {
    if (!result || result.ok) return;
    const first = Object.keys(result.fieldErrors).find(isFormField);
    const target = first ? document.getElementById(fieldId(first)) : null;
    (target ?? summary.current)?.focus();
  }, [result]);

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    startTransition(async () => {
      const r = await submit(values);
      setResult(r);
      if (!r.ok) return;
      if (r.data.values) setValues(r.data.values);
      router.refresh();
    });
  };

  const setRatelimit = (i: number, patch: Partial<RatelimitValues>) => setValues((v) => ({ ...v, ratelimits: v.ratelimits.map((r, j) => (j === i ? { ...r, ...patch } : r)) }));
  const otherErrors = Object.entries(errors).filter(([k]) => !isFormField(k));
  const changed = result?.ok ? result.data.changed : undefined;

  return (
    <div className="cp-editor">
      <form className="cp-form" onSubmit={onSubmit} noValidate aria-busy={pending || undefined}>
        <div ref={summary} tabIndex={-1} className="cp-form-status">
          {result && !result.ok ? (
            <div className="cp-alert" role="alert">
              <p>{result.message}</p>
              {otherErrors.length ? (
                <ul>
                  {otherErrors.map(([k, m]) => (
                    <li key={k}>{m.join(" ")}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
          {changed ? (
            <p className="cp-saved" role="status">
              {changed.length === 0 ? "Nothing to save: the portal already has these settings." : `Saved: ${changed.map((k) => LABELS[k] ?? k).join(", ")}.`}
            </p>
          ) : null}
        </div>

        <section className="cp-section" aria-labelledby="portal-s-identity">
          <h2 id="portal-s-identity">Portal</h2>
          <TextField field="slug" label="Slug" value={values.slug} onChange={set("slug")} errors={err("slug")} hint={`Names the portal in createSession. ${SLUG_RULE.charAt(0).toUpperCase()}${SLUG_RULE.slice(1)}.`} spellCheck={false} required />
          <TextField field="displayName" label="Display name" value={values.displayName} onChange={set("displayName")} errors={err("displayName")} placeholder={workspaceName} hint={mode === "create" ? `Shown in the portal's header. Blank: the workspace's name, ${workspaceName}.` : "Shown in the portal's header."} />
          <FieldGroup field="apiIds" legend="APIs" hint="The APIs whose keys the portal's users manage (at least one)." errors={err("apiIds")}>
            {apis.length === 0 ? (
              <p className="hint">This workspace has no API yet: create one on the APIs tab first.</p>
            ) : (
              <div className="cp-checks">
                {apis.map((a) => (
                  <label key={a.id} className="checkbox">
                    <input
                      type="checkbox"
                      name="apiIds"
                      value={a.id}
                      checked={values.apiIds.includes(a.id)}
                      onChange={(e) => {
                        const on = e.currentTarget.checked;
                        setValues((v) => ({ ...v, apiIds: on ? [...v.apiIds, a.id] : v.apiIds.filter((id) => id !== a.id) }));
                      }}
                    />
                    <span>
                      {a.name} <code className="c-id">{a.id}</code>
                    </span>
                  </label>
                ))}
              </div>
            )}
          </FieldGroup>
          {mode === "create" ? <CheckField field="enabled" label="Enabled: links open the portal as soon as it exists" checked={values.enabled} onChange={set("enabled")} errors={err("enabled")} /> : null}
        </section>

        <section className="cp-section" aria-labelledby="portal-s-brand">
          <h2 id="portal-s-brand">Branding</h2>
          <div className="cp-colour">
            <TextField field="primaryColor" label="Brand colour" value={values.primaryColor} onChange={set("primaryColor")} errors={err("primaryColor")} placeholder="#4f46e5" hint="#rgb or #rrggbb. Blank: Keyport's indigo." spellCheck={false} />
            <input
              type="color"
              className="cp-swatch"
              aria-label="Colour picker"
              value={/^#[0-9a-fA-F]{6}$/.test(values.primaryColor) ? values.primaryColor.toLowerCase() : expand(values.primaryColor)}
              onChange={(e) => set("primaryColor")(e.currentTarget.value)}
            />
          </div>
          <TextField field="logoUrl" label="Logo URL" type="url" inputMode="url" value={values.logoUrl} onChange={set("logoUrl")} errors={err("logoUrl")} placeholder="https://example.com/logo.svg" hint="An https address (http only to localhost). Blank: the name's initial in the brand colour." spellCheck={false} />
        </section>

        <section className="cp-section" aria-labelledby="portal-s-links">
          <h2 id="portal-s-links">Links</h2>
          <TextField field="returnUrl" label="Return URL" type="url" inputMode="url" value={values.returnUrl} onChange={set("returnUrl")} errors={err("returnUrl")} placeholder="https://app.example.com/settings/api-keys" hint="Where “Back to …” and an ended session lead, unless createSession names another." spellCheck={false} />
          <TextField field="apiBaseUrl" label="API base URL" type="url" inputMode="url" value={values.apiBaseUrl} onChange={set("apiBaseUrl")} errors={err("apiBaseUrl")} placeholder="https://api.example.com" hint="Used in the Docs tab's examples." spellCheck={false} />
        </section>

        <section className="cp-section" aria-labelledby="portal-s-sessions">
          <h2 id="portal-s-sessions">Sessions and keys</h2>
          <FieldGroup field="sessionPolicy" legend="Session policy" errors={err("sessionPolicy")}>
            <div className="cp-checks">
              <label className="checkbox">
                <input type="radio" name="sessionPolicy" value="fixed" checked={values.sessionPolicy === "fixed"} onChange={() => set("sessionPolicy")("fixed")} />
                <span>Fixed: a session ends 24 hours after it opens</span>
              </label>
              <label className="checkbox">
                <input type="radio" name="sessionPolicy" value="sliding" checked={values.sessionPolicy === "sliding"} onChange={() => set("sessionPolicy")("sliding")} />
                <span>Sliding: 24 hours after the last visit, at most 7 days</span>
              </label>
            </div>
          </FieldGroup>
          <TextField field="maxKeys" label="Key cap per user" type="number" inputMode="numeric" value={values.maxKeys} onChange={set("maxKeys")} errors={err("maxKeys")} hint="How many live keys one user may hold (1–1000)." />
          <CheckField field="showKeyMeta" label="Show each key's metadata to its user" checked={values.showKeyMeta} onChange={set("showKeyMeta")} errors={err("showKeyMeta")} hint="Off by default: meta often holds your own notes." />
        </section>

        <section className="cp-section" aria-labelledby="portal-s-template">
          <h2 id="portal-s-template">Key template</h2>
          <p className="hint">What every key made in the portal gets.</p>
          <div className="cp-row">
            <TextField field="keyTemplate.prefix" label="Prefix" value={values.keyPrefix} onChange={set("keyPrefix")} errors={err("keyTemplate.prefix")} placeholder="acme" hint="Blank: the API's prefix." spellCheck={false} />
            <TextField field="keyTemplate.byteLength" label="Key length (bytes)" type="number" inputMode="numeric" value={values.keyByteLength} onChange={set("keyByteLength")} errors={err("keyTemplate.byteLength")} hint="16–255. Blank: the API's." />
          </div>
          <TextField
            field="keyTemplate.defaultExpiryMs"
            label="Default expiry (milliseconds)"
            type="number"
            inputMode="numeric"
            value={values.defaultExpiryMs}
            onChange={set("defaultExpiryMs")}
            errors={err("keyTemplate.defaultExpiryMs")}
            hint={durationHint(values.defaultExpiryMs, "Blank: keys do not expire unless the user picks a date.")}
          />
          <CheckField field="credits" label="Keys get credits" checked={values.credits} onChange={set("credits")} />
          {values.credits ? (
            <div className="cp-sub">
              <TextField field="keyTemplate.credits.remaining" label="Credits per key" type="number" inputMode="numeric" value={values.creditsRemaining} onChange={set("creditsRemaining")} errors={err("keyTemplate.credits.remaining")} />
              <SelectField
                field="keyTemplate.credits.refill.interval"
                label="Refill"
                value={values.refillInterval}
                onChange={set("refillInterval")}
                errors={err("keyTemplate.credits.refill.interval")}
                options={[
                  ["", "Never"],
                  ["daily", "Daily"],
                  ["monthly", "Monthly"],
                ]}
              />
              {values.refillInterval ? (
                <div className="cp-row">
                  <TextField field="keyTemplate.credits.refill.amount" label="Refill amount" type="number" inputMode="numeric" value={values.refillAmount} onChange={set("refillAmount")} errors={err("keyTemplate.credits.refill.amount")} />
                  {values.refillInterval === "monthly" ? (
                    <TextField field="keyTemplate.credits.refill.refillDay" label="Day of the month" type="number" inputMode="numeric" value={values.refillDay} onChange={set("refillDay")} errors={err("keyTemplate.credits.refill.refillDay")} hint="1–31. Blank: the 1st." />
                  ) : null}
                </div>
              ) : null}
            </div>
          ) : null}
          <FieldGroup field="keyTemplate.ratelimits" legend="Rate limits" errors={err("keyTemplate.ratelimits")}>
            {values.ratelimits.length === 0 ? <p className="hint">None: keys are not rate limited.</p> : null}
            {values.ratelimits.map((r, i) => (
              <div className="cp-ratelimit" key={i}>
                <TextField field={`keyTemplate.ratelimits.${i}.name`} label={`Limit ${i + 1}: name`} value={r.name} onChange={(name) => setRatelimit(i, { name })} errors={err(`keyTemplate.ratelimits.${i}.name`)} placeholder="requests" spellCheck={false} />
                <TextField field={`keyTemplate.ratelimits.${i}.limit`} label="Requests" type="number" inputMode="numeric" value={r.limit} onChange={(limit) => setRatelimit(i, { limit })} errors={err(`keyTemplate.ratelimits.${i}.limit`)} />
                <TextField
                  field={`keyTemplate.ratelimits.${i}.duration`}
                  label="Per (milliseconds)"
                  type="number"
                  inputMode="numeric"
                  value={r.duration}
                  onChange={(duration) => setRatelimit(i, { duration })}
                  errors={err(`keyTemplate.ratelimits.${i}.duration`)}
                  hint={durationHint(r.duration, "1000 is a second.")}
                />
                <CheckField field={`keyTemplate.ratelimits.${i}.autoApply`} label="Applies to every verification" checked={r.autoApply} onChange={(autoApply) => setRatelimit(i, { autoApply })} />
                <button type="button" className="btn btn-sm btn-ghost" onClick={() => setValues((v) => ({ ...v, ratelimits: v.ratelimits.filter((_, j) => j !== i) }))}>
                  Remove limit {i + 1}
                </button>
              </div>
            ))}
            {values.ratelimits.length < MAX_RATELIMITS ? (
              <button type="button" className="btn btn-sm" onClick={() => setValues((v) => ({ ...v, ratelimits: [...v.ratelimits, { ...EMPTY_RATELIMIT }] }))}>
                Add a rate limit
              </button>
            ) : null}
          </FieldGroup>
        </section>

        <section className="cp-section" aria-labelledby="portal-s-docs">
          <h2 id="portal-s-docs">Docs and embedding</h2>
          <TextAreaField
            field="docsMarkdown"
            label="Docs note (Markdown)"
            rows={8}
            value={values.docsMarkdown}
            onChange={set("docsMarkdown")}
            errors={err("docsMarkdown")}
            hint={`Shown on the Docs tab under “Notes from …”. CommonMark without HTML or images. ${values.docsMarkdown.length} of ${DOCS_MAX} characters.`}
          />
          <TextAreaField
            field="embedOrigins"
            label="Embed origins"
            rows={3}
            value={values.embedOrigins}
            onChange={set("embedOrigins")}
            errors={err("embedOrigins")}
            placeholder={"https://app.example.com\nhttps://*.example.com"}
            hint="One origin per line: the pages allowed to frame the portal. Blank: nobody may (up to 20)."
          />
        </section>

        <div className="cp-form-actions">
          <button type="submit" className="btn btn-primary" disabled={pending}>
            {pending ? (mode === "create" ? "Creating…" : "Saving…") : mode === "create" ? "Create portal" : "Save changes"}
          </button>
        </div>
      </form>
      <PortalPreview model={model} testUser={PREVIEW_USER} i18n={previewI18n} />
    </div>
  );
}

/** `#abc` → `#aabbcc` for the colour picker; anything else (blank, half typed) shows the default indigo. */
function expand(value: string): string {
  const m = /^#([0-9a-fA-F])([0-9a-fA-F])([0-9a-fA-F])$/.exec(value);
  return m ? `#${m[1]}${m[1]}${m[2]}${m[2]}${m[3]}${m[3]}`.toLowerCase() : "#4f46e5";
}

function durationHint(ms: string, otherwise: string): string {
  const n = Number(ms);
  return ms.trim() && Number.isFinite(n) && n > 0 ? `${formatDuration(n)}.` : otherwise;
}
