import type { VerificationEventRow } from "@/db/queries/events";

/**
 * Each key's newest use among these events, as `lastUsedAt` records it (db/queries/keys.ts
 * touchLastUsed): every outcome of a key that exists counts — a refused verification still used the
 * key — and NOT_FOUND names no key of ours.
 */
export function lastUseByKey(events: Iterable<VerificationEventRow>): Map<string, number> {
  const seen = new Map<string, number>();
  for (const e of events) if (e.keyId && e.outcome !== "NOT_FOUND") seen.set(e.keyId, Math.max(seen.get(e.keyId) ?? 0, e.time));
  return seen;
}
