import type { ReactNode } from "react";
import { safeReturnUrl } from "@/lib/portal-configs/return-url";
import { PortalShell } from "../../_components/portal-shell";
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
  const tabs = [
    ...(can.anyKey ? [{ href: `${base}/keys`, label: "API keys" }] : []),
    ...(can.analytics ? [{ href: `${base}/analytics`, label: "Usage" }] : []),
    { href: `${base}/docs`, label: "Docs" },
  ];

  return (
    <PortalShell
      portalId={portalId}
      displayName={session.portal.displayName}
      logoUrl={session.portal.logoUrl}
      primaryColor={session.portal.primaryColor}
      lang={closestShippedLocale(session.locale)}
      theme={session.theme}
      externalId={session.externalId}
      preview={session.preview}
      returnUrl={safeReturnUrl(session.returnUrl)}
      tabs={tabs}
      embedOrigins={session.portal.embedOrigins}
    >
      {children}
    </PortalShell>
  );
}
