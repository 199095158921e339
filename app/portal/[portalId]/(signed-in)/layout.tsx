import type { CSSProperties, ReactNode } from "react";
import { brandStyle } from "@/lib/ui/branding";
import { safeReturnUrl } from "@/lib/portal-configs/return-url";
import { Brand } from "../../_components/brand";
import { LAYER_ID } from "../../_components/layer";
import { SignOut } from "../../_components/sign-out";
import { Tabs } from "../../_components/tabs";
import { abilities } from "@/lib/portal-sessions/abilities";
import { requirePortalSession } from "@/lib/portal-sessions/page-session";

export const dynamic = "force-dynamic";

/**
 * The signed-in shell: branding, who is signed in, preview banner, return link, sign out, tabs, and
 * the layer dialogs and menus render into (layer.ts).
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
    <div className="portal" style={brandStyle(session.portal.primaryColor) as CSSProperties}>
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
                <a href={returnUrl} rel="noreferrer" className="p-back">
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
