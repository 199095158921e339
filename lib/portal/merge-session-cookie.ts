import "server-only";
import type { Db } from "@/db/client";
import { findLiveSessionsByTokenHashes } from "@/db/queries/portal-sessions";
import { now } from "@/lib/clock";
import { sha256 } from "@/lib/crypto/secrets";
import {
  clearedSessionCookie,
  isRawToken,
  readCookie,
  sealSessions,
  sessionCookie,
  type SealedSessions,
  unsealSessions,
} from "@/lib/portal/session-cookie";

/** The sessions of the incoming sealed cookie (a raw-token cookie or a bad seal counts as none). */
export async function incomingSeal(cookieHeader: string | null): Promise<SealedSessions> {
  const value = readCookie(cookieHeader);
  if (!value || isRawToken(value)) return {};
  return (await unsealSessions(value)) ?? {};
}

/**
 * Rebuilds the browser's seal with `change` applied (add or drop one portal's token), keeping only
 * entries whose session is still live, so one browser can hold several portals without the seal
 * growing forever. Max-Age follows the longest remaining hard end; an empty seal clears the cookie.
 */
export async function rebuildSessionCookie(
  db: Db,
  cookieHeader: string | null,
  change: { portalId: string; token?: string },
): Promise<string> {
  const sessions = await incomingSeal(cookieHeader);
  delete sessions[change.portalId];
  if (change.token) sessions[change.portalId] = change.token;
  const at = now();
  const live = await findLiveSessionsByTokenHashes(db, Object.values(sessions).map(sha256), at);
  const byHash = new Map(live.map((r) => [r.tokenHash, r]));
  const kept: SealedSessions = {};
  let maxEnd = 0;
  for (const [portalId, token] of Object.entries(sessions)) {
    const row = byHash.get(sha256(token));
    if (!row || row.portalId !== portalId) continue;
    kept[portalId] = token;
    maxEnd = Math.max(maxEnd, row.expiresAt ?? 0);
  }
  if (Object.keys(kept).length === 0) return clearedSessionCookie();
  const maxAge = Math.ceil((maxEnd - at) / 1000);
  // The seal itself expires a minute after the cookie (iron allows 60 s of clock skew).
  return sessionCookie(await sealSessions(kept, maxAge + 60), maxAge);
}
