import type { CSSProperties, ReactNode } from "react";
import { brandStyle } from "@/lib/ui/branding";
import { safeReturnUrl } from "@/lib/portal-configs/return-url";
import { clientI18n, i18nFor } from "@/lib/i18n/catalogue";
import { interpolate } from "@/lib/i18n/translate";
import { Brand } from "../../_components/brand";
import { LAYER_ID } from "../../_components/layer";
import { EmbedBridge } from "../../_components/embed-bridge";
import { I18nProvider } from "../../_components/i18n";
import { SignOut } from "../../_components/sign-out";
import { Tabs } from "../../_components/tabs";
import { TimeZoneSync } from "../../_components/time-zone-sync";
import { abilities } from "@/lib/portal-sessions/abilities";
import { requirePortalSession } from "@/lib/portal-sessions/page-session";
import { viewerTimeZone } from "@/lib/portal-sessions/page-time-zone";
import "../../embed.css";
import "../../theme.css";

export const dynamic = "force-dynamic";

/**
 * The signed-in shell: branding, who is signed in, preview banner, return link, sign out, tabs, and
 * the layer dialogs and menus render into (layer.ts); in the session's language and theme
 * (docs/sessions.md "Locale, theme and intent"), and talking to the page that frames it when one of
 * the portal's embed origins does (docs/embedding.md). The client components below get the
 * language's client messages from the I18nProvider; the viewer's time zone is learned here, for
 * every tab's times.
 */
export default async function SignedInLayout({ children, params }: { children: ReactNode; params: Promise<{ portalId: string }> }) {
  const { portalId } = await params;
  const session = await requirePortalSession(portalId);
  const i18n = i18nFor(session.locale);
  const { m } = i18n;
  const zone = await viewerTimeZone();
  const can = abilities(session);
  const base = `/portal/${portalId}`;
  const returnUrl = safeReturnUrl(session.returnUrl);
  const app = session.portal.displayName;
  const tabs = [
    ...(can.anyKey ? [{ href: `${base}/keys`, label: m.shell.tabs.keys }] : []),
    ...(can.analytics ? [{ href: `${base}/analytics`, label: m.shell.tabs.usage }] : []),
    { href: `${base}/docs`, label: m.shell.tabs.docs },
  ];

  return (
    <div
      className="portal"
      lang={i18n.locale}
      data-theme={session.theme === "system" ? undefined : session.theme}
      style={brandStyle(session.portal.primaryColor) as CSSProperties}
    >
      <I18nProvider value={clientI18n(i18n)}>
        <EmbedBridge origins={session.portal.embedOrigins} />
        <TimeZoneSync current={zone.timeZone} received={zone.received} />
        <a className="skip-link" href="#main">
          {m.shell.skipToContent}
        </a>
        {session.preview ? (
          <div className="p-banner" role="note">
            {interpolate(m.shell.previewBanner, {
              preview: <strong key="preview">{m.shell.previewLabel}</strong>,
              user: <strong key="user">{session.externalId}</strong>,
            })}
          </div>
        ) : null}
        <header className="p-header">
          <div className="p-header-inner">
            <div className="p-topline">
              <Brand displayName={app} logoUrl={session.portal.logoUrl} />
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
                        {session.externalId}
                      </strong>
                    ),
                  })}
                </span>
                <SignOut portalId={portalId} />
              </div>
            </div>
            <Tabs tabs={tabs} label={m.shell.tabsLabel} />
          </div>
        </header>
        <main id="main" className="p-main">
          {children}
        </main>
        <footer className="p-footer">{m.shell.footer}</footer>
        <div id={LAYER_ID} />
      </I18nProvider>
    </div>
  );
}
