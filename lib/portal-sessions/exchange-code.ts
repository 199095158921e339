import "server-only";
import type { Db } from "@/db/client";
import { findPortalConfig } from "@/db/queries/portal-configs";
import { findSessionByCodeHash, type PortalSessionRow, redeemCode } from "@/db/queries/portal-sessions";
import { ApiError } from "@/lib/api/errors";
import { writeAudit } from "@/lib/audit/write-audit";
import { now } from "@/lib/clock";
import { newSecret, sha256 } from "@/lib/crypto/secrets";
import { failedRedemption } from "@/lib/portal-sessions/exchange-rate-limit";
import { incomingSeal, rebuildSessionCookies } from "@/lib/portal-sessions/merge-session-cookie";
import { isRawToken, jarFor, readCookie } from "@/lib/portal-sessions/session-cookie";
import { guardSessionSwitch, type SwitchConsent } from "@/lib/portal-sessions/session-switch";
import { effectiveEnd, lifetimeAtExchange } from "@/lib/portal-sessions/session-policy";

export type ExchangeResult = { token: string; expiresAt: number; sessionId: string; portalId: string; setCookies: string[] };

/**
 * Redeems a one-time code for an access token (docs/sessions.md "Exchange"), shared by portal.exchangeSession
 * and portal.exchangeCode and the portal landing page.
 *
 * - Exactly one redemption: a conditional UPDATE (see redeemCode) picks one winner among racers.
 * - Every failure is the same 401; failures count per client address (429 past the limit).
 *   A valid code is never refused for its address's failures: redemptions that succeed are not
 *   limited, so one noisy client behind a NAT cannot lock out its neighbours (a ≥128-bit code
 *   cannot be guessed, so checking it past the limit gives nothing away).
 * - Login CSRF: a browser signed in to the code's portal as another end user is not switched
 *   silently (guardSessionSwitch); the code stays redeemable until the user confirms.
 * - Retry after a lost response: if the repeat carries the cookie the first redemption set (or
 *   the access token itself), it is answered 200 with that same live session and token. Nothing is
 *   minted anew, so a stolen code replayed without the cookie still gets 401.
 */
export async function exchangeCode({
  db,
  code,
  cookieHeader,
  address,
  consent = { confirmed: false, sameOrigin: false },
}: {
  db: Db;
  code: string;
  cookieHeader: string | null;
  address: string;
  /** Whether the user confirmed switching accounts, and whether the request came from the portal's own origin. */
  consent?: SwitchConsent;
}): Promise<ExchangeResult> {
  const codeHash = sha256(code);
  const found = code.startsWith("pst_") && code.length <= 200 ? await findSessionByCodeHash(db, codeHash) : undefined;
  const at = now();
  if (found && found.exchangedAt === null && found.revokedAt === null && found.codeExpiresAt > at) {
    const portal = await findPortalConfig(db, found.workspaceId, found.portalId);
    if (portal && !portal.enabled && !found.preview) {
      throw new ApiError("unkey/authorization/forbidden", "This portal is disabled. Ask the company that sent you here to enable it, then open a new link.");
    }
    // Before anything is written: a refused switch leaves the code redeemable.
    await guardSessionSwitch(db, found, cookieHeader, consent);
    const token = newSecret("pat", 24);
    const lifetime = lifetimeAtExchange(portal?.sessionPolicy ?? "fixed", at);
    const row = await db.transaction(async (tx) => {
      const won = await redeemCode(tx, codeHash, at, { tokenHash: sha256(token), ...lifetime });
      if (won) {
        await writeAudit(tx, {
          workspaceId: won.workspaceId,
          actor: { type: "portal_user", id: won.externalId },
          event: "portal.session.exchange",
          resourceId: won.id,
          meta: { portalId: won.portalId },
        });
      }
      return won;
    });
    if (row) return success(db, row, token, cookieHeader, portal?.embedOrigins ?? []);
  }
  if (found) {
    const retry = await retryWithCookie(found, cookieHeader);
    if (retry) return success(db, found, retry, cookieHeader, (await findPortalConfig(db, found.workspaceId, found.portalId))?.embedOrigins ?? []);
  }
  throw await failedRedemption(db, address);
}

/** The answer, and the cookie holding the token: partitioned for a portal that may be framed (session-cookie.ts). */
async function success(db: Db, row: PortalSessionRow, token: string, cookieHeader: string | null, embedOrigins: string[]): Promise<ExchangeResult> {
  const setCookies = await rebuildSessionCookies(db, cookieHeader, { portalId: row.portalId, token, jar: jarFor(embedOrigins) });
  return { token, expiresAt: effectiveEnd(row) ?? 0, sessionId: row.id, portalId: row.portalId, setCookies };
}

/** The token of `row` if the request's cookie already holds it and the session is still live. */
async function retryWithCookie(row: PortalSessionRow, cookieHeader: string | null): Promise<string | undefined> {
  if (row.exchangedAt === null || row.revokedAt !== null || row.tokenHash === null) return undefined;
  const end = effectiveEnd(row);
  if (end === undefined || end <= now()) return undefined;
  const raw = readCookie(cookieHeader);
  const candidates = [...(raw && isRawToken(raw) ? [raw] : []), ...Object.values(await incomingSeal(cookieHeader))];
  return candidates.find((t) => sha256(t) === row.tokenHash);
}
