import "server-only";
import { getDb } from "@/db/client";
import { findEmbedOriginsById } from "@/db/queries/portal-configs";
import { sharedMemo } from "@/lib/cache/shared-memo";

/**
 * A portal's embed origins by id, for at most EMBED_ORIGINS_MAX_AGE_MS: every page view of the portal
 * needs them for its framing headers (and the page for its events), so they are read at most once a
 * second per portal and process. A change through the operator API clears this process's entry at
 * once; other processes see it within the second (docs/embedding.md "How fast a change applies").
 * Unknown ids are cached too (as []), so random `pc_` paths cannot turn into a flood of queries.
 * A sharedMemo (lib/cache/shared-memo.ts): bounded, one per process.
 */
export const EMBED_ORIGINS_MAX_AGE_MS = 1000;
const memo = sharedMemo<string[]>("embedOrigins", 10_000);

/** The portal's embed origins ([] for none or an unknown portal); a failed read rejects and is not cached. */
export function embedOriginsOf(portalId: string): Promise<string[]> {
  return memo.get(portalId, { now: performance.now() }, (at) => at + EMBED_ORIGINS_MAX_AGE_MS, async () => (await findEmbedOriginsById(await getDb(), portalId)) ?? []);
}

/** Drops a portal's entry: a change made by this process applies to its next page view. */
export function forgetEmbedOrigins(portalId: string): void {
  memo.forgetKey(portalId);
}
