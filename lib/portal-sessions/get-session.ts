import "server-only";
import type { PortalSessionContext } from "@/lib/portal-sessions/session-context";

/** portal.getSession: what the portal UI needs to draw itself for this session (no secrets). */
export function getSession({ session }: { session: PortalSessionContext }) {
  const p = session.portal;
  return {
    sessionId: session.sessionId,
    portalId: session.portalId,
    externalId: session.externalId,
    permissions: session.permissions,
    expiresAt: session.expiresAt,
    absoluteExpiresAt: session.absoluteExpiresAt,
    returnUrl: session.returnUrl,
    preview: session.preview,
    locale: session.locale,
    theme: session.theme,
    intent: session.intent,
    branding: { displayName: p.displayName, logoUrl: p.logoUrl, primaryColor: p.primaryColor },
    apiIds: p.apiIds,
    apiBaseUrl: p.apiBaseUrl,
    docsMarkdown: p.docsMarkdown,
    sessionPolicy: p.sessionPolicy,
    maxKeys: p.maxKeys,
  };
}
