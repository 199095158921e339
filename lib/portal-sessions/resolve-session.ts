import "server-only";
import type { Db } from "@/db/client";
import { getDb } from "@/db/client";
import { touchSessionWithPortal } from "@/db/queries/portal-sessions";
import { ApiError } from "@/lib/api/errors";
import { now } from "@/lib/clock";
import { sha256 } from "@/lib/crypto/secrets";
import { isRawToken, unsealBrowserCookies } from "@/lib/portal-sessions/session-cookie";
import { type PortalSessionContext, portalView, sessionContext } from "@/lib/portal-sessions/session-context";
import { IDLE_TTL_MS } from "@/lib/portal-sessions/session-policy";

/** Same answer for every dead token: unknown, revoked, expired, truncated (docs/api.md "Conventions"). */
export function sessionNotFound(): ApiError {
  return new ApiError("unkey/authentication/portal_session_not_found");
}

/**
 * Checks an access token against its row on every call (revocation and disabling act at once),
 * records the visit (sliding sessions move their idle end) and loads the portal as the session sees
 * it — one database round trip, as every portal request and page render runs it.
 */
export async function resolveSessionByToken(db: Db, token: string, via: PortalSessionContext["via"]): Promise<PortalSessionContext> {
  if (!isRawToken(token) || token.length > 200) throw sessionNotFound();
  const found = await touchSessionWithPortal(db, sha256(token), now(), IDLE_TTL_MS);
  if (!found) throw sessionNotFound();
  const { session, portal, apiIds } = found;
  // A preview session works on a disabled portal (docs/sessions.md): it is how operators try a portal before enabling it.
  if (!portal.enabled && !session.preview) {
    throw new ApiError("unkey/authorization/forbidden", "This portal is disabled. Ask the company that sent you here to enable it, then open a new link.");
  }
  return sessionContext(session, portalView(portal, apiIds), via, portal.returnUrl);
}

/**
 * For server components and server actions under /portal/<portalId>: the session of that portal
 * from the raw `portal_session` cookie value (sealed, or the SDK's bare token) and the partitioned
 * `portal_session_embed` seal of framed portals. Throws ApiError:
 * 401 `portal_token_missing` when the cookie holds no session for this portal, 401
 * `portal_session_not_found` when it is dead or tampered, 403 `forbidden` when the portal is disabled.
 */
export async function resolvePortalSessionFromCookie(cookieValue: string | undefined, portalId: string, embedCookieValue?: string): Promise<PortalSessionContext> {
  if (!cookieValue && !embedCookieValue) throw new ApiError("unkey/authentication/portal_token_missing");
  const db = await getDb();
  if (cookieValue && isRawToken(cookieValue)) {
    const session = await resolveSessionByToken(db, cookieValue, "token-cookie");
    if (session.portalId !== portalId) throw sessionNotFound();
    return session;
  }
  const sessions = await unsealBrowserCookies({ firstParty: cookieValue, partitioned: embedCookieValue });
  if (!sessions) throw sessionNotFound();
  const token = sessions[portalId];
  if (!token) throw new ApiError("unkey/authentication/portal_token_missing", "This browser holds no session for this portal. Open the portal through the link your account page gives you.");
  const session = await resolveSessionByToken(db, token, "sealed-cookie");
  if (session.portalId !== portalId) throw sessionNotFound();
  return session;
}
