import "server-only";
import { getDb } from "@/db/client";
import { findRootKeyByHash } from "@/db/queries/root-keys";
import { ApiError, invalidInput } from "@/lib/api/errors";
import type { Authenticator, RequestContext } from "@/lib/api/route";
import { bearerToken } from "@/lib/auth/bearer";
import { sha256 } from "@/lib/crypto/secrets";
import { isSameOriginRequest } from "@/lib/http/same-origin";
import { resolveSessionByToken, sessionNotFound } from "@/lib/portal-sessions/resolve-session";
import { EMBED_COOKIE, isRawToken, readCookie, type SealedSessions, unsealBrowserCookies } from "@/lib/portal-sessions/session-cookie";
import type { PortalSessionContext } from "@/lib/portal-sessions/session-context";

export type { PortalSessionContext } from "@/lib/portal-sessions/session-context";

/** Names the portal when a browser's seal holds sessions of several portals (docs/sessions.md). */
export const PORTAL_HEADER = "x-keyport-portal";

const ROOT_KEY_DETAIL =
  "Root keys cannot call portal endpoints. From your backend, call portal.createSession with the root key, then call portal endpoints with the session's access token (Authorization: Bearer pat_…) or from the portal page with its cookie.";

/**
 * Portal-session authenticator (docs/sessions.md "The browser session"). Order: a Bearer token wins over any
 * cookie; else the `portal_session` cookie, either the iron seal of a browser or the SDK's bare
 * `pat_` token, together with the partitioned `portal_session_embed` seal of framed portals. `write` routes authenticated by the seal need a same-origin signal (CSRF): Bearer
 * and bare-token cookies are never attached by a browser on its own, so they are exempt.
 */
export function portalAuth(options: { write: boolean }): Authenticator<PortalSessionContext> {
  return async (rc: RequestContext) => {
    const { req } = rc;
    const bearer = bearerToken(req);
    if (bearer !== undefined) {
      if (!isRawToken(bearer)) {
        if (bearer.startsWith("unkey_") || (await findRootKeyByHash(await getDb(), sha256(bearer)))) {
          throw new ApiError("unkey/authentication/portal_token_missing", ROOT_KEY_DETAIL);
        }
        throw sessionNotFound();
      }
      return resolveSessionByToken(await getDb(), bearer, "bearer");
    }
    const header = req.headers.get("cookie");
    const cookie = readCookie(header);
    const embedded = readCookie(header, EMBED_COOKIE);
    if (!cookie && !embedded) throw new ApiError("unkey/authentication/portal_token_missing");
    if (cookie && isRawToken(cookie)) return resolveSessionByToken(await getDb(), cookie, "token-cookie");

    const sessions = await unsealBrowserCookies({ firstParty: cookie, partitioned: embedded });
    if (!sessions) throw sessionNotFound();
    const token = pickSession(sessions, req.headers.get(PORTAL_HEADER));
    if (options.write) assertSameOrigin(req);
    return resolveSessionByToken(await getDb(), token, "sealed-cookie");
  };
}

// Scheme "portalSession": the access token as Bearer, or the portal_session cookie.
export const portalSessionAuth = Object.assign(portalAuth({ write: false }), { scheme: "portalSession" as const });
export const portalSessionWriteAuth = Object.assign(portalAuth({ write: true }), { scheme: "portalSession" as const });

/** A portal id as the header must name it: the shape of `pc_` ids in portal paths. */
const PORTAL_ID_HEADER = /^pc_[A-Za-z0-9]{1,64}$/;

function pickSession(sessions: SealedSessions, header: string | null): string {
  const portalIds = Object.keys(sessions);
  if (header !== null) {
    const portalId = header.trim();
    // Anything but a portal id (`__proto__`, `constructor`, …) is refused before it is used as a key.
    if (!PORTAL_ID_HEADER.test(portalId)) {
      throw invalidInput("header.X-Keyport-Portal", "Must be a portal id: pc_ followed by 1–64 letters and digits.", "Send X-Keyport-Portal: pc_… with the id of the portal this page belongs to, or leave the header out.", "header.X-Keyport-Portal: must be a portal id (pc_…).");
    }
    const token = sessions[portalId];
    if (!token) throw new ApiError("unkey/authentication/portal_token_missing", `This browser holds no session for the portal named in X-Keyport-Portal.`);
    return token;
  }
  if (portalIds.length === 0) throw sessionNotFound();
  if (portalIds.length > 1) {
    throw invalidInput("header.X-Keyport-Portal", "Required when the portal cookie holds sessions of several portals.", "Send X-Keyport-Portal: pc_… with the id of the portal this page belongs to.", "The portal cookie holds sessions of several portals; name one in the X-Keyport-Portal header.");
  }
  return sessions[portalIds[0] as string] as string;
}

/**
 * docs/sessions.md "The browser session": a state-changing request carried by the sealed cookie needs `Origin` equal to
 * PUBLIC_URL's origin, or (without Origin) `Sec-Fetch-Site: same-origin`. `Origin: null`, another
 * origin, or no signal at all is refused — SameSite=Lax alone does not cover same-site subdomains.
 */
function assertSameOrigin(req: Request): void {
  if (!isSameOriginRequest(req)) {
    throw new ApiError(
      "unkey/authorization/forbidden",
      "Cross-site request refused: a request that changes something and authenticates with the portal cookie must come from the portal's own pages.",
    );
  }
}
