import "server-only";

/** What authentication needs of a root key row (undefined: no live root key has this hash). */
export type CachedRootKey = { id: string; workspaceId: string; permissions: string[]; expiresAt: number | null } | undefined;

/**
 * Root keys by hash, for at most MAX_AGE_MS: keys.verifyKey then costs one round trip (the key),
 * not two. The contract lets a revoked root key work for up to 1 s on other processes
 * (docs/security.md "Revocation"); a revocation in this process clears its entry at once. Unknown
 * hashes are cached too, so a flood of bad keys cannot turn into a flood of queries. Bounded, and on
 * globalThis: the backend plane and the Next.js bundles load this module separately but must share one cache.
 */
export const ROOT_KEY_CACHE_MAX_AGE_MS = 1000;
const MAX_ENTRIES = 10_000;

type Entry = { value: CachedRootKey; readAt: number; pending?: Promise<CachedRootKey> };
const holder = globalThis as unknown as { __keyportRootKeyCache?: Map<string, Entry> };

function entries(): Map<string, Entry> {
  holder.__keyportRootKeyCache ??= new Map();
  return holder.__keyportRootKeyCache;
}

/**
 * The cached row for `hash`, else `load(hash)` (concurrent misses share one load). The age is
 * counted from before the load started, so no answer is ever older than MAX_AGE_MS.
 */
export async function cachedRootKey(hash: string, load: (hash: string) => Promise<CachedRootKey>): Promise<CachedRootKey> {
  const map = entries();
  const hit = map.get(hash);
  const at = performance.now();
  if (hit && at - hit.readAt < ROOT_KEY_CACHE_MAX_AGE_MS) return hit.pending ?? hit.value;
  const pending = load(hash);
  const entry: Entry = { value: undefined, readAt: at, pending };
  map.delete(hash);
  map.set(hash, entry);
  if (map.size > MAX_ENTRIES) map.delete(map.keys().next().value as string);
  try {
    entry.value = await pending;
    entry.pending = undefined;
    return entry.value;
  } catch (err) {
    // A failed read (database down) is never cached.
    if (map.get(hash) === entry) map.delete(hash);
    throw err;
  }
}

/** Drops every cached entry of a root key id: its revocation is seen at once by this process. */
export function forgetRootKey(id: string): void {
  for (const [hash, entry] of entries()) if (entry.value?.id === id || entry.pending) entries().delete(hash);
}
