import type { CSSProperties, ReactNode } from "react";
import type { I18n } from "@/lib/i18n/catalogue";
import { clientI18n } from "@/lib/i18n/client-i18n";
import { interpolate } from "@/lib/i18n/translate";
import { brandStyle } from "@/lib/ui/branding";
import { Brand } from "./brand";
import { EmbedBridge } from "./embed-bridge";
import { I18nProvider } from "./i18n";
import { LAYER_ID } from "./layer";
import { SignOut } from "./sign-out";
import { type Tab, Tabs } from "./tabs";
import { TimeZoneSync } from "./time-zone-sync";

export type PortalShellProps = {
  portalId: string;
  displayName: string;
  logoUrl?: string;
  primaryColor?: string;
  /** The session's language (lib/i18n/catalogue.ts i18nFor): the document language and every word of the frame. */
  i18n: I18n;
  /** The viewer's zone as the server read it (page-time-zone.ts); absent where no cookie is to be set (the console's preview). */
  zone?: { timeZone: string; received: string | undefined };
  /** "system" follows the OS; "light" / "dark" force a scheme (theme.css). */
  theme: "light" | "dark" | "system";
  externalId: string;
  /** Shows the preview banner (a preview session: changes are turned off). */
  preview: boolean;
  /** Already checked with safeReturnUrl; absent means no return link. */
  returnUrl?: string;
  tabs: Tab[];
  /** The current tab's href, when it is not the page's own address (the console's preview). */
  currentTab?: string;
  embedOrigins: string[];
  children: ReactNode;
};

/**
 * The signed-in portal's frame: branding, who is signed in, preview banner, return link, sign out,
 * tabs, and the layer dialogs and menus render into (layer.ts), in the session's language. One
 * component for the portal's layout and the console's live preview of a portal (docs/console.md
 * "Portals"), so the preview cannot drift from what end users see. The client components inside get
 * the active language's client messages only (docs/sessions.md "Languages").
 */
export function PortalShell(props: PortalShellProps) {
  const { portalId, displayName: app, returnUrl, i18n } = props;
  const { m } = i18n;
  return (
    <div className="portal" lang={i18n.locale} data-theme={props.theme === "system" ? undefined : props.theme} style={brandStyle(props.primaryColor) as CSSProperties}>
      <I18nProvider value={clientI18n(i18n)}>
        <EmbedBridge origins={props.embedOrigins} />
        {props.zone ? <TimeZoneSync current={props.zone.timeZone} received={props.zone.received} /> : null}
        <a className="skip-link" href="#main">
          {m.shell.skipToContent}
        </a>
        {props.preview ? (
          <div className="p-banner" role="note">
            {interpolate(m.shell.previewBanner, {
              preview: <strong key="preview">{m.shell.previewLabel}</strong>,
              user: <strong key="user">{props.externalId}</strong>,
            })}
          </div>
        ) : null}
        <header className="p-header">
          <div className="p-header-inner">
            <div className="p-topline">
              <Brand displayName={app} logoUrl={props.logoUrl} />
              <div className="p-user">
                {returnUrl ? (
                  <a href={returnUrl} rel="noreferrer" target="_top" className="p-back">
                    <span aria-hidden="true">←</span> {interpolate(m.shell.backTo, { app })}
                  </a>
                ) : null}
                <span>
                  {interpolate(m.shell.signedInAs, {
                    user: (
                      <strong key="user" data-testid="signed-in-as">
                        {props.externalId}
                      </strong>
                    ),
                  })}
                </span>
                <SignOut portalId={portalId} />
              </div>
            </div>
            <Tabs tabs={props.tabs} current={props.currentTab} label={m.shell.tabsLabel} />
          </div>
        </header>
        <main id="main" className="p-main">
          {props.children}
        </main>
        <footer className="p-footer">{m.shell.footer}</footer>
        <div id={LAYER_ID} />
      </I18nProvider>
    </div>
  );
}
