import "server-only";
import { randomBytes } from "node:crypto";
import type { Db, Tx } from "@/db/client";
import { findApi } from "@/db/queries/apis";
import { insertKey } from "@/db/queries/keys";
import type { KeyRefill } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import { now } from "@/lib/clock";
import { base58, secretStart, sha256 } from "@/lib/crypto/secrets";
import { newId } from "@/lib/ids";
import { toStoredRatelimits } from "@/lib/keys/ratelimit-config";

export type MintKeyParams = {
  workspaceId: string;
  apiId: string;
  identityId: string | null;
  /** Absent → the API's default prefix (if any). */
  prefix?: string;
  byteLength?: number;
  name?: string;
  meta?: Record<string, unknown>;
  expires?: number;
  credits?: { remaining: number; refill?: KeyRefill };
  ratelimits?: { name: string; limit: number; duration: number; autoApply: boolean }[];
  enabled?: boolean;
  permissions?: string[];
  /** When the key was made: now, unless a seed backdates it (the demo's keys predate their history). */
  createdAt?: number;
};

/** `prefix_` + base58 of `byteLength` CSPRNG bytes; no prefix → just the base58 part. */
export function generateKey(prefix: string | null | undefined, byteLength: number): string {
  if (byteLength < 16) throw new Error("keys need at least 128 bits");
  const body = base58(randomBytes(byteLength));
  return prefix ? `${prefix}_${body}` : body;
}

/**
 * Creates a key row and returns the plaintext once; only its SHA-256 and `start` are stored.
 * No permission checks and no audit: callers (keys.createKey, portal.createKey, rerolls) do those.
 */
export async function mintKey(tx: Db | Tx, p: MintKeyParams): Promise<{ keyId: string; key: string }> {
  const api = await findApi(tx, p.workspaceId, p.apiId);
  if (!api) throw new ApiError("unkey/data/api_not_found");
  const byteLength = p.byteLength ?? 16;
  const key = generateKey(p.prefix ?? api.prefix, byteLength);
  const keyId = newId("key");
  const at = p.createdAt ?? now();
  await insertKey(tx, {
    id: keyId,
    workspaceId: p.workspaceId,
    apiId: p.apiId,
    identityId: p.identityId,
    hash: sha256(key),
    start: secretStart(key),
    name: p.name ?? null,
    meta: p.meta ?? null,
    permissions: p.permissions ?? [],
    enabled: p.enabled ?? true,
    expiresAt: p.expires ?? null,
    creditsRemaining: p.credits ? p.credits.remaining : null,
    refill: p.credits?.refill ?? null,
    // The first refill happens in the period after creation, not at the first verification.
    lastRefillAt: p.credits?.refill ? at : null,
    ratelimits: toStoredRatelimits(p.ratelimits ?? []),
    byteLength,
    createdAt: at,
  });
  return { keyId, key };
}
