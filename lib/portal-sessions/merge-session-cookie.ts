import "server-only";
import type { Db } from "@/db/client";
import { findLiveSessionsByTokenHashes } from "@/db/queries/portal-sessions";
import { now } from "@/lib/clock";
import { sha256 } from "@/lib/crypto/secrets";
import {
  clearedSessionCookie,
  cookieName,
  type CookieJar,
  emptySessions,
  isRawToken,
  MAX_PORTALS_PER_SEAL,
  readCookie,
  sealSessions,
  sessionCookie,
  type SealedSessions,
  unsealSessions,
} from "@/lib/portal-sessions/session-cookie";

const JARS: readonly CookieJar[] = ["first-party", "partitioned"];

/** The sessions of one incoming sealed cookie (a raw-token cookie or a bad seal counts as none). */
async function incomingJar(cookieHeader: string | null, jar: CookieJar): Promise<SealedSessions> {
  const value = readCookie(cookieHeader, cookieName(jar));
  if (!value || isRawToken(value)) return emptySessions();
  return (await unsealSessions(value)) ?? emptySessions();
}

/** The sessions of both incoming cookies together (each holds other portals). */
export async function incomingSeal(cookieHeader: string | null): Promise<SealedSessions> {
  const out = emptySessions();
  for (const jar of JARS) Object.assign(out, await incomingJar(cookieHeader, jar));
  return out;
}

/**
 * The `Set-Cookie` headers that apply `change` to the browser's cookies. Adding a token writes it to
 * `change.jar` (the partitioned cookie for a portal with embed origins, lib/portal-sessions/session-cookie.ts)
 * and takes the portal out of the other cookie if that held it; dropping one (no token) rewrites each
 * cookie that held the portal, or the first-party one when none did (clearing an SDK raw-token cookie).
 * A cookie the request did not carry is never written, except as the target of an added token.
 */
export async function rebuildSessionCookies(
  db: Db,
  cookieHeader: string | null,
  change: { portalId: string; token?: string; jar?: CookieJar },
): Promise<string[]> {
  const target = change.jar ?? "first-party";
  const out: string[] = [];
  let rewrote = false;
  for (const jar of JARS) {
    const sessions = await incomingJar(cookieHeader, jar);
    const held = change.portalId in sessions;
    if (change.token !== undefined && jar === target) {
      out.push(await rebuildJar(db, sessions, change.portalId, change.token, jar));
    } else if (held) {
      out.push(await rebuildJar(db, sessions, change.portalId, undefined, jar));
      rewrote = true;
    }
  }
  if (change.token === undefined && !rewrote) out.push(await rebuildJar(db, await incomingJar(cookieHeader, "first-party"), change.portalId, undefined, "first-party"));
  return out;
}

/**
 * One cookie rebuilt with one portal's entry set or dropped, keeping only entries whose session is
 * still live, so one browser can hold several portals without the seal growing forever. Past
 * MAX_PORTALS_PER_SEAL live entries the least recently used ones (oldest `last_seen_at`) are dropped,
 * never the one being added: a new link never makes the seal unreadable. Max-Age follows the longest
 * remaining hard end; an empty seal clears the cookie.
 */
async function rebuildJar(db: Db, sessions: SealedSessions, portalId: string, token: string | undefined, jar: CookieJar): Promise<string> {
  delete sessions[portalId];
  if (token) sessions[portalId] = token;
  const at = now();
  const live = await findLiveSessionsByTokenHashes(db, Object.values(sessions).map(sha256), at);
  const byHash = new Map(live.map((r) => [r.tokenHash, r]));
  const candidates = Object.entries(sessions).flatMap(([id, t]) => {
    const row = byHash.get(sha256(t));
    return row && row.portalId === id ? [{ portalId: id, token: t, row }] : [];
  });
  const recency = (c: (typeof candidates)[number]) => (c.portalId === portalId ? Infinity : (c.row.lastSeenAt ?? c.row.exchangedAt ?? 0));
  candidates.sort((a, b) => recency(b) - recency(a));
  const kept = emptySessions();
  let maxEnd = 0;
  for (const c of candidates.slice(0, MAX_PORTALS_PER_SEAL)) {
    kept[c.portalId] = c.token;
    maxEnd = Math.max(maxEnd, c.row.expiresAt ?? 0);
  }
  if (Object.keys(kept).length === 0) return clearedSessionCookie(jar);
  const maxAge = Math.ceil((maxEnd - at) / 1000);
  // The seal itself expires a minute after the cookie (iron allows 60 s of clock skew).
  return sessionCookie(await sealSessions(kept, maxAge + 60), maxAge, jar);
}
