import type { KeyTemplate, SessionPolicy } from "@/db/schema";
import type { Actor } from "@/lib/audit/write-audit";
import type { Intent, Theme } from "@/lib/portal-sessions/session-options";
import type { PortalConfigRow } from "@/db/queries/portal-configs";
import type { PortalSessionRow } from "@/db/queries/portal-sessions";
import { effectiveEnd } from "@/lib/portal-sessions/session-policy";

/** The portal's branding and settings as a session sees them (no internals of the row). */
export type PortalView = {
  id: string;
  slug: string;
  displayName: string;
  logoUrl?: string;
  primaryColor?: string;
  apiBaseUrl?: string;
  docsMarkdown?: string;
  sessionPolicy: SessionPolicy;
  maxKeys: number;
  keyTemplate: KeyTemplate;
  enabled: boolean;
  /** End users see their keys' `meta` only when the operator turned this on (default off). */
  showKeyMeta: boolean;
  /** Origins allowed to frame the portal (docs/embedding.md); the portal posts its events only there. */
  embedOrigins: string[];
  /** Live APIs the portal covers now. */
  apiIds: string[];
};

/**
 * An authenticated portal session: what every portal verb takes as `session`. The API authenticator
 * and `resolvePortalSessionFromCookie` (server components) both produce it.
 */
export type PortalSessionContext = {
  kind: "portal";
  sessionId: string;
  workspaceId: string;
  portalId: string;
  externalId: string;
  /** The end user, as the audit log names them. */
  actor: Actor;
  /** Concrete `api.<apiId>.<action>` strings granted at mint time. */
  permissions: string[];
  preview: boolean;
  /** The backend's choices at createSession (docs/sessions.md "Locale, theme and intent"). */
  locale?: string;
  theme: Theme;
  intent: Intent;
  /** The session's return URL, else the portal's default, else absent (no return link). */
  returnUrl?: string;
  /** When the session ends if nothing else happens (sliding: the idle end, moved by each request). */
  expiresAt: number;
  /** The hard end: 24 h after exchange (fixed) or 7 d (sliding). */
  absoluteExpiresAt: number;
  /** How this request authenticated; CSRF rules differ (docs/sessions.md "The browser session"). */
  via: "bearer" | "token-cookie" | "sealed-cookie";
  portal: PortalView;
};

export function portalView(row: PortalConfigRow, apiIds: string[]): PortalView {
  return {
    id: row.id,
    slug: row.slug,
    displayName: row.displayName,
    logoUrl: row.logoUrl ?? undefined,
    primaryColor: row.primaryColor ?? undefined,
    apiBaseUrl: row.apiBaseUrl ?? undefined,
    docsMarkdown: row.docsMarkdown ?? undefined,
    sessionPolicy: row.sessionPolicy,
    maxKeys: row.maxKeys,
    keyTemplate: row.keyTemplate,
    enabled: row.enabled,
    showKeyMeta: row.showKeyMeta,
    embedOrigins: row.embedOrigins,
    apiIds,
  };
}

export function sessionContext(row: PortalSessionRow, portal: PortalView, via: PortalSessionContext["via"], defaultReturnUrl: string | null): PortalSessionContext {
  return {
    kind: "portal",
    sessionId: row.id,
    workspaceId: row.workspaceId,
    portalId: row.portalId,
    externalId: row.externalId,
    actor: { type: "portal_user", id: row.externalId },
    permissions: row.permissions,
    preview: row.preview,
    locale: row.locale ?? undefined,
    theme: row.theme,
    intent: row.intent,
    returnUrl: row.returnUrl ?? defaultReturnUrl ?? undefined,
    expiresAt: effectiveEnd(row) ?? 0,
    absoluteExpiresAt: row.expiresAt ?? 0,
    via,
    portal,
  };
}
