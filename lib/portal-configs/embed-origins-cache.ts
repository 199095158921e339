import "server-only";
import { getDb } from "@/db/client";
import { findEmbedOriginsById } from "@/db/queries/portal-configs";

/**
 * A portal's embed origins by id, for at most EMBED_ORIGINS_MAX_AGE_MS: every page view of the portal
 * needs them for its framing headers (and the page for its events), so they are read at most once a
 * second per portal and process. A change through the operator API clears this process's entry at
 * once; other processes see it within the second (docs/embedding.md "How fast a change applies").
 * Unknown ids are cached too (as []), so random `pc_` paths cannot turn into a flood of queries.
 * Bounded, and on globalThis: the backend plane and the Next.js bundles load this module separately
 * but must share one cache.
 */
export const EMBED_ORIGINS_MAX_AGE_MS = 1000;
const MAX_ENTRIES = 10_000;

type Entry = { readAt: number; origins: Promise<string[]> };
const holder = globalThis as unknown as { __keyportEmbedOriginsCache?: Map<string, Entry> };

function entries(): Map<string, Entry> {
  return (holder.__keyportEmbedOriginsCache ??= new Map());
}

/** The portal's embed origins ([] for none or an unknown portal); a failed read rejects and is not cached. */
export function embedOriginsOf(portalId: string): Promise<string[]> {
  const map = entries();
  const at = performance.now();
  const hit = map.get(portalId);
  if (hit && at - hit.readAt < EMBED_ORIGINS_MAX_AGE_MS) return hit.origins;
  const origins = getDb().then(async (db) => (await findEmbedOriginsById(db, portalId)) ?? []);
  const entry: Entry = { readAt: at, origins };
  map.delete(portalId);
  map.set(portalId, entry);
  if (map.size > MAX_ENTRIES) map.delete(map.keys().next().value as string);
  origins.catch(() => {
    if (map.get(portalId) === entry) map.delete(portalId);
  });
  return origins;
}

/** Drops a portal's entry: a change made by this process applies to its next page view. */
export function forgetEmbedOrigins(portalId: string): void {
  entries().delete(portalId);
}
