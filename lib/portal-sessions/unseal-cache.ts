import "server-only";
import type { SealedSessions } from "@/lib/portal-sessions/session-cookie";

/**
 * Unsealing (PBKDF2 + AES + HMAC) costs more than the session lookup itself, and a browser sends the
 * same seal with every request of a visit. The cache maps a seal to its tokens only: each token is
 * still checked against its session row on every request, so revocation stays immediate.
 */
export const UNSEAL_CACHE_MAX_ENTRIES = 1000;
export const UNSEAL_CACHE_TTL_MS = 60_000;

type Entry = { result: Promise<SealedSessions | undefined>; secrets: readonly string[]; until: number };

/** On globalThis: the route handlers and the server components are two bundles in one process. */
const holder = globalThis as unknown as { __keyportUnsealCache?: Map<string, Entry> };

function entries(): Map<string, Entry> {
  return (holder.__keyportUnsealCache ??= new Map());
}

/**
 * What `unseal` gives for this exact seal, run at most once while the entry lives (concurrent
 * requests share the pending result). Entries made under another secret list miss, so rotating
 * SESSION_SECRET acts at once. A failed unseal is remembered too (as undefined). Returns a copy
 * (null-prototype, like the original): callers edit the map they get.
 */
export async function unsealOnce(
  seal: string,
  secrets: readonly string[],
  at: number,
  unseal: () => Promise<SealedSessions | undefined>,
): Promise<SealedSessions | undefined> {
  const cache = entries();
  let entry = cache.get(seal);
  if (!entry || entry.secrets !== secrets || entry.until <= at) {
    cache.delete(seal);
    const fresh: Entry = { result: unseal(), secrets, until: Math.min(at + UNSEAL_CACHE_TTL_MS, sealExpiry(seal)) };
    // An unseal that threw is not an answer about the seal: let the next request try again.
    fresh.result.catch(() => cache.get(seal) === fresh && cache.delete(seal));
    cache.set(seal, (entry = fresh));
    // A Map iterates in insertion order: the first key is the oldest entry.
    while (cache.size > UNSEAL_CACHE_MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  }
  const sessions = await entry.result;
  return sessions && Object.assign(Object.create(null) as SealedSessions, sessions);
}

/** Iron's expiry field (unix ms), so a cached seal never outlives its own end; Infinity if absent. */
function sealExpiry(seal: string): number {
  const field = seal.split("*")[5];
  return field && /^\d+$/.test(field) ? Number(field) : Infinity;
}

/** Tests start from an empty cache. */
export function clearUnsealCacheForTests(): void {
  entries().clear();
}
