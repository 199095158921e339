import { ApiError } from "@/lib/api/errors";
import { holdsPermission } from "@/lib/auth/permissions";
import type { PortalAction } from "@/lib/portal-sessions/permissions";
import type { PortalSessionContext } from "@/lib/portal-sessions/session-context";

/**
 * What a portal session may do: its minted permissions, intersected with the APIs its portal covers
 * now (an API removed from the portal, or deleted, drops out of every session at once).
 */
export function sessionCan(session: PortalSessionContext, action: PortalAction, apiId: string): boolean {
  return session.portal.apiIds.includes(apiId) && holdsPermission(session.permissions, `api.${apiId}.${action}`);
}

/** The portal's APIs where the session may do `action`. */
export function apisWhere(session: PortalSessionContext, action: PortalAction): string[] {
  return session.portal.apiIds.filter((apiId) => sessionCan(session, action, apiId));
}

function insufficient(action: PortalAction, apiId?: string): ApiError {
  return new ApiError("unkey/authorization/insufficient_permissions", `This portal session lacks the permission "api.${apiId ?? "*"}.${action}".`);
}

/** 403 unless the session may do `action` on `apiId` (or, without one, on some API of the portal). */
export function requireSessionPermission(session: PortalSessionContext, action: PortalAction, apiId?: string): void {
  const ok = apiId === undefined ? apisWhere(session, action).length > 0 : sessionCan(session, action, apiId);
  if (!ok) throw insufficient(action, apiId);
}

/** A preview session looks but never changes anything (docs/sessions.md). */
export function assertWritable(session: PortalSessionContext): void {
  if (session.preview) throw new ApiError("unkey/authorization/forbidden", "This is a preview session: it shows the portal but changes nothing.");
}
