import "server-only";
import type { Db } from "@/db/client";
import { findLiveSessionsByTokenHashes } from "@/db/queries/portal-sessions";
import { now } from "@/lib/clock";
import { sha256 } from "@/lib/crypto/secrets";
import {
  clearedSessionCookie,
  emptySessions,
  isRawToken,
  MAX_PORTALS_PER_SEAL,
  readCookie,
  sealSessions,
  sessionCookie,
  type SealedSessions,
  unsealSessions,
} from "@/lib/portal-sessions/session-cookie";

/** The sessions of the incoming sealed cookie (a raw-token cookie or a bad seal counts as none). */
export async function incomingSeal(cookieHeader: string | null): Promise<SealedSessions> {
  const value = readCookie(cookieHeader);
  if (!value || isRawToken(value)) return emptySessions();
  return (await unsealSessions(value)) ?? emptySessions();
}

/**
 * Rebuilds the browser's seal with `change` applied (add or drop one portal's token), keeping only
 * entries whose session is still live, so one browser can hold several portals without the seal
 * growing forever. Past MAX_PORTALS_PER_SEAL live entries the least recently used ones (oldest
 * `last_seen_at`) are dropped, never the one being added: a new link never makes the seal unreadable.
 * Max-Age follows the longest remaining hard end; an empty seal clears the cookie.
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
  const candidates = Object.entries(sessions).flatMap(([portalId, token]) => {
    const row = byHash.get(sha256(token));
    return row && row.portalId === portalId ? [{ portalId, token, row }] : [];
  });
  const recency = (c: (typeof candidates)[number]) => (c.portalId === change.portalId ? Infinity : (c.row.lastSeenAt ?? c.row.exchangedAt ?? 0));
  candidates.sort((a, b) => recency(b) - recency(a));
  const kept = emptySessions();
  let maxEnd = 0;
  for (const { portalId, token, row } of candidates.slice(0, MAX_PORTALS_PER_SEAL)) {
    kept[portalId] = token;
    maxEnd = Math.max(maxEnd, row.expiresAt ?? 0);
  }
  if (Object.keys(kept).length === 0) return clearedSessionCookie();
  const maxAge = Math.ceil((maxEnd - at) / 1000);
  // The seal itself expires a minute after the cookie (iron allows 60 s of clock skew).
  return sessionCookie(await sealSessions(kept, maxAge + 60), maxAge);
}
