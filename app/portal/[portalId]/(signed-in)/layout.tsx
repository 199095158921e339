import type { ReactNode } from "react";
import { i18nFor } from "@/lib/i18n/catalogue";
import { safeReturnUrl } from "@/lib/portal-configs/return-url";
import { PortalShell } from "../../_components/portal-shell";
import { abilities } from "@/lib/portal-sessions/abilities";
import { requirePortalSession } from "@/lib/portal-sessions/page-session";
import { viewerTimeZone } from "@/lib/portal-sessions/page-time-zone";
import "../../embed.css";
import "../../theme.css";

export const dynamic = "force-dynamic";

/**
 * The signed-in shell (portal-shell.tsx: branding, who is signed in, preview banner, return link, sign
 * out, tabs, the layer dialogs and menus render into); in the session's language and theme
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
  const tabs = [
    ...(can.anyKey ? [{ href: `${base}/keys`, label: m.shell.tabs.keys }] : []),
    ...(can.analytics ? [{ href: `${base}/analytics`, label: m.shell.tabs.usage }] : []),
    { href: `${base}/docs`, label: m.shell.tabs.docs },
  ];

  return (
    <PortalShell
      portalId={portalId}
      displayName={session.portal.displayName}
      logoUrl={session.portal.logoUrl}
      primaryColor={session.portal.primaryColor}
      i18n={i18n}
      zone={zone}
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
