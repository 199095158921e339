import "server-only";
import { sharedMemo } from "@/lib/cache/shared-memo";
import type { SealedSessions } from "@/lib/portal-sessions/session-cookie";

/**
 * Unsealing (PBKDF2 + AES + HMAC) costs more than the session lookup itself, and a browser sends the
 * same seal with every request of a visit. The cache maps a seal to its tokens only: each token is
 * still checked against its session row on every request, so revocation stays immediate.
 */
export const UNSEAL_CACHE_MAX_ENTRIES = 1000;
export const UNSEAL_CACHE_TTL_MS = 60_000;

const memo = sharedMemo<SealedSessions | undefined>("unsealedSeals", UNSEAL_CACHE_MAX_ENTRIES);

/**
 * What `unseal` gives for this exact seal, run at most once while the entry lives (concurrent
 * requests share the pending result). Entries made under another secret list miss, so rotating
 * SESSION_SECRET acts at once. A failed unseal is remembered too (as undefined); one that threw is
 * not. Returns a copy (null-prototype, like the original): callers edit the map they get.
 */
export async function unsealOnce(
  seal: string,
  secrets: readonly string[],
  at: number,
  unseal: () => Promise<SealedSessions | undefined>,
): Promise<SealedSessions | undefined> {
  const sessions = await memo.get(seal, { now: at, tag: secrets }, (now) => Math.min(now + UNSEAL_CACHE_TTL_MS, sealExpiry(seal)), unseal);
  return sessions && Object.assign(Object.create(null) as SealedSessions, sessions);
}

/** Iron's expiry field (unix ms), so a cached seal never outlives its own end; Infinity if absent. */
function sealExpiry(seal: string): number {
  const field = seal.split("*")[5];
  return field && /^\d+$/.test(field) ? Number(field) : Infinity;
}

/** Tests start from an empty cache. */
export function clearUnsealCacheForTests(): void {
  memo.clear();
}
