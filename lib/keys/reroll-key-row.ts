import "server-only";
import type { Tx } from "@/db/client";
import { lockKey, updateKeyRow } from "@/db/queries/keys";
import { ApiError } from "@/lib/api/errors";
import { now } from "@/lib/clock";
import { generateKey } from "@/lib/keys/mint-key";
import { insertKey } from "@/db/queries/keys";
import { newId } from "@/lib/ids";
import { secretStart, sha256 } from "@/lib/crypto/secrets";

/**
 * Longest grace an old key may keep after keys.rerollKey: the maximum of `expiration` in Unkey's
 * OpenAPI document (4102444800000 ms). The portal has its own, shorter cap (lib/portal-sessions/reroll-key.ts).
 */
export const MAX_REROLL_EXPIRATION_MS = 4_102_444_800_000;

/**
 * Replaces a key with a fresh secret that keeps its whole configuration (API, name, meta, identity,
 * credits, refill, rate limits, permissions, enabled, expiry). The old key stays valid for
 * `expiration` ms (0 = revoked now). Race-safe: the old row is locked FOR UPDATE and marked
 * `replaced_by`, so of many parallel rerolls exactly one creates a key; the rest get 409 (a key in
 * grace cannot be rolled again; its successor can).
 * A roll never adds spending power (docs/security.md "Rerolls never add spending power"): old and new
 * key share one lineage (`lineage_id`, the original key's id). The balance moves to the new key in
 * this transaction (the old row keeps 0, and a verification of the old key spends from the lineage's
 * newest key); rate-limit counters are keyed by the lineage; the portal's cap counts a lineage once.
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
  const lineageId = old.lineageId ?? old.id;
  const graceEnd = at + p.expiration;
  // The old row is marked first: a lineage has one newest key (keys_lineage_head_idx).
  await updateKeyRow(tx, p.workspaceId, old.id, {
    replacedBy: keyId,
    lineageId,
    // The balance now lives on the new key; the locked row's copy is gone, so a verification that
    // read this key before the roll cannot spend it again (deductCredits skips replaced rows).
    creditsRemaining: old.creditsRemaining === null ? null : 0,
    updatedAt: at,
    expiresAt: old.expiresAt !== null && old.expiresAt < graceEnd ? old.expiresAt : graceEnd,
    // 0 = revoked now: soft-deleted, so it leaves every list and verifies as NOT_FOUND.
    deletedAt: p.expiration === 0 ? at : null,
  });
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
    lineageId,
    createdAt: at,
  });
  return { keyId, key };
}
