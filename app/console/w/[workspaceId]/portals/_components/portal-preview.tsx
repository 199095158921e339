"use client";
import { useDeferredValue, useEffect, useId, useState, useSyncExternalStore } from "react";
import type { PortalPreviewModel } from "@/lib/console/portals/preview-model";
import type { I18n } from "@/lib/i18n/catalogue";
import { previewKeys } from "@/lib/ui/preview-keys";
import { DocsContent } from "@/app/portal/_components/docs-content";
import { KeyFilter } from "@/app/portal/_components/key-filter";
import { KeysHead } from "@/app/portal/_components/keys-head";
import { KeysTable } from "@/app/portal/_components/keys-table";
import { PortalShell } from "@/app/portal/_components/portal-shell";
import { PreviewFrame } from "./preview-frame";
// The portal's own stylesheets, for the frame (preview-frame.tsx copies the page's styles into it).
import "@/app/portal/portal.css";
import "@/app/portal/theme.css";
import "@/app/portal/embed.css";
import "@/app/portal/_components/code-block.css";

type Theme = "light" | "dark";
type View = "keys" | "docs";

const PREVIEW_PORTAL = "pc_preview";
const BASE = `/portal/${PREVIEW_PORTAL}`;

/**
 * The live preview beside the portal form (docs/console.md "Portals"): the portal's real shell, keys
 * table and docs tab, as an end user with every permission sees them, fed with sample keys instead
 * of a session. It follows the form as it is typed, in light or dark, in English: `i18n` is the English
 * catalogue, handed down from the server page (lib/i18n/client-bundle.test.ts: no client component
 * imports a catalogue).
 */
export function PortalPreview({ model, testUser, i18n }: { model: PortalPreviewModel; testUser: string; i18n: I18n }) {
  const deferred = useDeferredValue(model);
  // A logo address is fetched as it is drawn: wait for a pause in typing, not every keystroke's half URL.
  const logoUrl = useSettled(deferred.logoUrl, LOGO_PAUSE_MS);
  const shown = { ...deferred, logoUrl };
  // The console's own scheme until the viewer picks one.
  const system = useSyncExternalStore(subscribeScheme, systemScheme, () => "light" as const);
  const [chosen, setTheme] = useState<Theme>();
  const theme = chosen ?? system;
  const [view, setView] = useState<View>("keys");
  // The frame's content renders in the browser only (preview-frame.tsx), so this is the viewer's clock.
  const [now] = useState(() => Date.now());
  const [timeZone] = useState(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const name = useId();
  const tabs = [
    { href: `${BASE}/keys`, label: i18n.m.shell.tabs.keys },
    { href: `${BASE}/analytics`, label: i18n.m.shell.tabs.usage },
    { href: `${BASE}/docs`, label: i18n.m.shell.tabs.docs },
  ];
  const keys = previewKeys({ prefix: shown.prefix, template: shown.template, showKeyMeta: shown.showKeyMeta, now });
  return (
    // Focusable: beside the form it scrolls on its own when taller than the window.
    <section className="cp-preview" aria-labelledby={`${name}-title`} tabIndex={0}>
      <div className="cp-preview-bar">
        <h2 id={`${name}-title`} className="cp-preview-title">
          Live preview
        </h2>
        <Choice legend="Preview page" name={`${name}-view`} value={view} onChange={setView} options={[["keys", "Keys"], ["docs", "Docs"]]} />
        <Choice legend="Preview theme" name={`${name}-theme`} value={theme} onChange={setTheme} options={[["light", "Light"], ["dark", "Dark"]]} />
      </div>
      <p className="cp-preview-hint">Sample keys, as a user with every permission sees them. Updates as you type; not interactive.</p>
      <PreviewFrame title={`Preview of the portal ${shown.displayName}, ${theme}`}>
        <PortalShell
          portalId={PREVIEW_PORTAL}
          displayName={shown.displayName}
          logoUrl={shown.logoUrl}
          primaryColor={shown.primaryColor}
          i18n={i18n}
          theme={theme}
          externalId={testUser}
          preview={false}
          returnUrl={shown.returnUrl}
          tabs={tabs}
          currentTab={`${BASE}/${view}`}
          embedOrigins={[]}
        >
          {view === "keys" ? (
            <>
              <KeysHead can portalId={PREVIEW_PORTAL} apis={shown.apis} openCreate={false} i18n={i18n} />
              <div className="p-toolbar">
                <KeyFilter action={`${BASE}/keys`} value="" />
              </div>
              <div className="card">
                <KeysTable portalId={PREVIEW_PORTAL} keys={keys} can={{ rename: true, reroll: true, revoke: true }} now={now} i18n={i18n} timeZone={timeZone} />
              </div>
            </>
          ) : (
            <DocsContent name={shown.displayName} prefix={shown.prefix} apiBaseUrl={shown.apiBaseUrl} docsMarkdown={shown.docsMarkdown} i18n={i18n} />
          )}
        </PortalShell>
      </PreviewFrame>
    </section>
  );
}

const LOGO_PAUSE_MS = 400;

/** `value` once it has stayed the same for `ms`; the first value at once. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

const DARK = "(prefers-color-scheme: dark)";
function subscribeScheme(onChange: () => void) {
  const query = window.matchMedia(DARK);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}
function systemScheme(): Theme {
  return window.matchMedia(DARK).matches ? "dark" : "light";
}

function Choice<T extends string>({ legend, name, value, onChange, options }: { legend: string; name: string; value: T; onChange: (v: T) => void; options: [T, string][] }) {
  return (
    <fieldset className="cp-seg">
      <legend className="visually-hidden">{legend}</legend>
      {options.map(([v, label]) => (
        <label key={v}>
          <input type="radio" name={name} value={v} checked={value === v} onChange={() => onChange(v)} />
          <span>{label}</span>
        </label>
      ))}
    </fieldset>
  );
}
