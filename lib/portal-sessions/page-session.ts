import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { findEndOfSession } from "@/db/queries/portal-sessions";
import { ApiError } from "@/lib/api/errors";
import { sha256 } from "@/lib/crypto/secrets";
import { endedPath } from "@/lib/portal-sessions/ended-path";
import { resolvePortalSessionFromCookie } from "@/lib/portal-sessions/resolve-session";
import type { PortalSessionContext } from "@/lib/portal-sessions/session-context";
import { EMBED_COOKIE, isRawToken, PORTAL_COOKIE, unsealBrowserCookies } from "@/lib/portal-sessions/session-cookie";
import { embedOriginsOf } from "@/lib/portal-configs/embed-origins-cache";
import { withReason } from "@/lib/portal-configs/return-url";
import { PORTAL_ID } from "@/lib/portal-sessions/portal-id";

export { PORTAL_ID };

type BrowserCookies = { firstParty?: string; partitioned?: string };
type Found = { session: PortalSessionContext } | { refused: ApiError; cookie: BrowserCookies };

/**
 * This request's session of a portal, or why there is none — looked up once per request (React
 * cache) and shared by the root layout (which only wants its language) and the signed-in layout
 * and page. Anything but a refusal (the database down) is thrown.
 */
export const findPortalSession = cache(async (portalId: string): Promise<Found> => {
  const jar = await cookies();
  const cookie = { firstParty: jar.get(PORTAL_COOKIE)?.value, partitioned: jar.get(EMBED_COOKIE)?.value };
  try {
    return { session: await resolvePortalSessionFromCookie(cookie.firstParty, portalId, cookie.partitioned) };
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return { refused: err, cookie };
  }
});

/**
 * The signed-in portal session for a page under /portal/<portalId>, shared by the layout and the
 * page of one request. Every render checks the session row (docs/sessions.md), so a session
 * that expired or was revoked mid-visit ends here: to the return URL with `reason=session_expired`
 * when one is known, else to the explanatory page, in the ended session's language. A portal that
 * may be framed always ends on its own page, which a frame can show (docs/embedding.md "When the session ends").
 */
export const requirePortalSession = cache(async (portalId: string): Promise<PortalSessionContext> => {
  if (!PORTAL_ID.test(portalId)) redirect(endedPath("pc_unknown", "no_session"));
  const found = await findPortalSession(portalId);
  if ("session" in found) return found.session;
  redirect(await whereTo(found.refused, found.cookie, portalId));
});

async function whereTo(err: ApiError, cookie: BrowserCookies, portalId: string): Promise<string> {
  if (err.code === "unkey/authentication/portal_token_missing") return endedPath(portalId, "no_session");
  const ended = await endOfSession(cookie, portalId);
  if (err.code === "unkey/authorization/forbidden") return endedPath(portalId, "unavailable", ended?.locale);
  if ((await embedOriginsOf(portalId)).length > 0) return endedPath(portalId, "session_expired", ended?.locale);
  return (ended?.returnUrl && withReason(ended.returnUrl, "session_expired")) ?? endedPath(portalId, "session_expired", ended?.locale);
}

async function endOfSession(cookie: BrowserCookies, portalId: string): Promise<{ returnUrl?: string; locale?: string } | undefined> {
  const token = cookie.firstParty && isRawToken(cookie.firstParty) ? cookie.firstParty : (await unsealBrowserCookies(cookie))?.[portalId];
  if (!token) return undefined;
  return findEndOfSession(await getDb(), sha256(token), portalId);
}
