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
import { EMBED_COOKIE, isRawToken, PORTAL_COOKIE, unsealBrowserCookies } from "@/lib/portal-sessions/session-cookie";
import { embedOriginsOf } from "@/lib/portal-configs/embed-origins-cache";
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
 * when one is known, else to the explanatory page. A portal that may be framed always ends on its own
 * page, which a frame can show (docs/embedding.md "When the session ends").
 */
export const requirePortalSession = cache(async (portalId: string): Promise<PortalSessionContext> => {
  if (!PORTAL_ID.test(portalId)) redirect(endedPath("pc_unknown", "no_session"));
  const jar = await cookies();
  const cookie = { firstParty: jar.get(PORTAL_COOKIE)?.value, partitioned: jar.get(EMBED_COOKIE)?.value };
  let target: string;
  try {
    return await resolvePortalSessionFromCookie(cookie.firstParty, portalId, cookie.partitioned);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    target = await whereTo(err, cookie, portalId);
  }
  redirect(target);
});

type BrowserCookies = { firstParty?: string; partitioned?: string };

async function whereTo(err: ApiError, cookie: BrowserCookies, portalId: string): Promise<string> {
  if (err.code === "unkey/authorization/forbidden") return endedPath(portalId, "unavailable");
  if (err.code === "unkey/authentication/portal_token_missing") return endedPath(portalId, "no_session");
  if ((await embedOriginsOf(portalId)).length > 0) return endedPath(portalId, "session_expired");
  const returnUrl = await returnUrlOfEndedSession(cookie, portalId);
  return (returnUrl && withReason(returnUrl, "session_expired")) ?? endedPath(portalId, "session_expired");
}

async function returnUrlOfEndedSession(cookie: BrowserCookies, portalId: string): Promise<string | undefined> {
  const token = cookie.firstParty && isRawToken(cookie.firstParty) ? cookie.firstParty : (await unsealBrowserCookies(cookie))?.[portalId];
  if (!token) return undefined;
  return findReturnUrlOfSession(await getDb(), sha256(token), portalId);
}
