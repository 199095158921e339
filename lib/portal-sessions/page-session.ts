import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { findReturnUrlOfSession } from "@/db/queries/portal-sessions";
import { ApiError } from "@/lib/api/errors";
import { sha256 } from "@/lib/crypto/secrets";
import { resolvePortalSessionFromCookie } from "@/lib/portal-sessions/resolve-session";
import type { PortalSessionContext } from "@/lib/portal-sessions/session-context";
import { isRawToken, PORTAL_COOKIE, unsealSessions } from "@/lib/portal-sessions/session-cookie";
import { withReason } from "@/lib/portal-configs/return-url";
import { PORTAL_ID } from "@/lib/portal-sessions/portal-id";

export { PORTAL_ID };

export function endedPath(portalId: string, reason: string): string {
  return `/portal/${encodeURIComponent(portalId)}/ended?reason=${encodeURIComponent(reason)}`;
}

/**
 * The signed-in portal session for a page under /portal/<portalId>, shared by the layout and the
 * page of one request (React cache). Every render checks the session row (docs/sessions.md), so a session
 * that expired or was revoked mid-visit ends here: to the return URL with `reason=session_expired`
 * when one is known, else to the explanatory page.
 */
export const requirePortalSession = cache(async (portalId: string): Promise<PortalSessionContext> => {
  if (!PORTAL_ID.test(portalId)) redirect(endedPath("pc_unknown", "no_session"));
  const cookie = (await cookies()).get(PORTAL_COOKIE)?.value;
  let target: string;
  try {
    return await resolvePortalSessionFromCookie(cookie, portalId);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    target = await whereTo(err, cookie, portalId);
  }
  redirect(target);
});

async function whereTo(err: ApiError, cookie: string | undefined, portalId: string): Promise<string> {
  if (err.code === "unkey/authorization/forbidden") return endedPath(portalId, "unavailable");
  if (err.code === "unkey/authentication/portal_token_missing") return endedPath(portalId, "no_session");
  const returnUrl = cookie ? await returnUrlOfEndedSession(cookie, portalId) : undefined;
  return (returnUrl && withReason(returnUrl, "session_expired")) ?? endedPath(portalId, "session_expired");
}

async function returnUrlOfEndedSession(cookie: string, portalId: string): Promise<string | undefined> {
  const token = isRawToken(cookie) ? cookie : (await unsealSessions(cookie))?.[portalId];
  if (!token) return undefined;
  return findReturnUrlOfSession(await getDb(), sha256(token), portalId);
}
