import "server-only";
import { sharedMemo } from "@/lib/cache/shared-memo";

/** What authentication needs of a root key row (undefined: no live root key has this hash). */
export type CachedRootKey = { id: string; workspaceId: string; permissions: string[]; expiresAt: number | null } | undefined;

/**
 * Root keys by hash, for at most MAX_AGE_MS: keys.verifyKey then costs one round trip (the key),
 * not two. The contract lets a revoked root key work for up to 1 s on other processes
 * (docs/security.md "Revocation"); a revocation in this process clears its entry at once. Unknown
 * hashes are cached too, so a flood of bad keys cannot turn into a flood of queries.
 */
export const ROOT_KEY_CACHE_MAX_AGE_MS = 1000;
const memo = sharedMemo<CachedRootKey>("rootKeys", 10_000);

/**
 * The cached row for `hash`, else `load(hash)` (concurrent misses share one load). The age is
 * counted from before the load started, so no answer is ever older than MAX_AGE_MS.
 */
export function cachedRootKey(hash: string, load: (hash: string) => Promise<CachedRootKey>): Promise<CachedRootKey> {
  return memo.get(hash, { now: performance.now() }, (at) => at + ROOT_KEY_CACHE_MAX_AGE_MS, () => load(hash));
}

/** Drops every cached entry of a root key id: its revocation is seen at once by this process. */
export function forgetRootKey(id: string): void {
  memo.forget((row) => row?.id === id);
}
