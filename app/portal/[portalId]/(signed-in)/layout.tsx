import type { CSSProperties, ReactNode } from "react";
import { brandStyle } from "@/lib/ui/branding";
import { safeReturnUrl } from "@/lib/portal-configs/return-url";
import { Brand } from "../../_components/brand";
import { LAYER_ID } from "../../_components/layer";
import { EmbedBridge } from "../../_components/embed-bridge";
import { SignOut } from "../../_components/sign-out";
import { Tabs } from "../../_components/tabs";
import { abilities } from "@/lib/portal-sessions/abilities";
import { closestShippedLocale } from "@/lib/portal-sessions/locale";
import { requirePortalSession } from "@/lib/portal-sessions/page-session";
import "../../embed.css";
import "../../theme.css";

export const dynamic = "force-dynamic";

/**
 * The signed-in shell: branding, who is signed in, preview banner, return link, sign out, tabs, and
 * the layer dialogs and menus render into (layer.ts); in the session's language and theme
 * (docs/sessions.md "Locale, theme and intent"), and talking to the page that frames it when one of
 * the portal's embed origins does (docs/embedding.md).
 */
export default async function SignedInLayout({ children, params }: { children: ReactNode; params: Promise<{ portalId: string }> }) {
  const { portalId } = await params;
  const session = await requirePortalSession(portalId);
  const can = abilities(session);
  const base = `/portal/${portalId}`;
  const returnUrl = safeReturnUrl(session.returnUrl);
  const tabs = [
    ...(can.anyKey ? [{ href: `${base}/keys`, label: "API keys" }] : []),
    ...(can.analytics ? [{ href: `${base}/analytics`, label: "Usage" }] : []),
    { href: `${base}/docs`, label: "Docs" },
  ];

  return (
    <div
      className="portal"
      lang={closestShippedLocale(session.locale)}
      data-theme={session.theme === "system" ? undefined : session.theme}
      style={brandStyle(session.portal.primaryColor) as CSSProperties}
    >
      <EmbedBridge origins={session.portal.embedOrigins} />
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      {session.preview ? (
        <div className="p-banner" role="note">
          <strong>Preview.</strong> You are seeing the portal as <strong>{session.externalId}</strong> sees it. Changes are turned off.
        </div>
      ) : null}
      <header className="p-header">
        <div className="p-header-inner">
          <div className="p-topline">
            <Brand displayName={session.portal.displayName} logoUrl={session.portal.logoUrl} />
            <div className="p-user">
              {returnUrl ? (
                <a href={returnUrl} rel="noreferrer" target="_top" className="p-back">
                  <span aria-hidden="true">←</span> Back to {session.portal.displayName}
                </a>
              ) : null}
              <span>
                Signed in as <strong data-testid="signed-in-as">{session.externalId}</strong>
              </span>
              <SignOut portalId={portalId} />
            </div>
          </div>
          <Tabs tabs={tabs} />
        </div>
      </header>
      <main id="main" className="p-main">
        {children}
      </main>
      <footer className="p-footer">Secured by Keyport</footer>
      <div id={LAYER_ID} />
    </div>
  );
}
