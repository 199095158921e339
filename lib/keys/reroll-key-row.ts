import "server-only";
import type { Tx } from "@/db/client";
import { lockKey, updateKeyRow } from "@/db/queries/keys";
import { ApiError } from "@/lib/api/errors";
import { now } from "@/lib/clock";
import { generateKey } from "@/lib/keys/mint-key";
import { insertKey } from "@/db/queries/keys";
import { newId } from "@/lib/ids";
import { secretStart, sha256 } from "@/lib/crypto/secrets";

/** Longest grace an old key may keep after a reroll (Unkey: 4 weeks). */
export const MAX_REROLL_EXPIRATION_MS = 4 * 7 * 24 * 60 * 60 * 1000;

/**
 * Replaces a key with a fresh secret that keeps its whole configuration (API, name, meta, identity,
 * credits, refill, rate limits, permissions, enabled, expiry). The old key stays valid for
 * `expiration` ms (0 = revoked now). Race-safe: the old row is locked FOR UPDATE and marked
 * `replaced_by`, so of many parallel rerolls exactly one creates a key; the rest get 409.
 * `identityId` (portal callers): the key must belong to that identity, else 404 key_not_found.
 */
export async function rerollKeyRow(
  tx: Tx,
  p: { workspaceId: string; keyId: string; expiration: number; identityId?: string | null },
): Promise<{ keyId: string; key: string }> {
  const old = await lockKey(tx, p.workspaceId, p.keyId);
  if (!old) throw new ApiError("unkey/data/key_not_found");
  if (p.identityId !== undefined && old.identityId !== p.identityId) throw new ApiError("unkey/data/key_not_found");
  if (old.replacedBy) throw new ApiError("unkey/data/key_already_rerolled");
  const at = now();
  // The replacement keeps the old prefix: everything before the last "_" of the old start.
  const cut = old.start.lastIndexOf("_");
  const prefix = cut < 0 ? null : old.start.slice(0, cut);
  const byteLength = old.byteLength ?? 16;
  const key = generateKey(prefix, byteLength);
  const keyId = newId("key");
  await insertKey(tx, {
    id: keyId,
    workspaceId: old.workspaceId,
    apiId: old.apiId,
    identityId: old.identityId,
    hash: sha256(key),
    start: secretStart(key),
    name: old.name,
    meta: old.meta,
    permissions: old.permissions,
    enabled: old.enabled,
    expiresAt: old.expiresAt,
    creditsRemaining: old.creditsRemaining,
    refill: old.refill,
    lastRefillAt: old.lastRefillAt,
    ratelimits: old.ratelimits,
    byteLength,
    createdAt: at,
  });
  const graceEnd = at + p.expiration;
  await updateKeyRow(tx, p.workspaceId, old.id, {
    replacedBy: keyId,
    updatedAt: at,
    expiresAt: old.expiresAt !== null && old.expiresAt < graceEnd ? old.expiresAt : graceEnd,
    // 0 = revoked now: soft-deleted, so it leaves every list and verifies as NOT_FOUND.
    deletedAt: p.expiration === 0 ? at : null,
  });
  return { keyId, key };
}
