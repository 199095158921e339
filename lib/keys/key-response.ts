import type { IdentityRow, KeyRow } from "@/db/queries/keys";
import { asStoredJson } from "@/lib/api/reply";
import { toIdentityResponse } from "@/lib/identities/identity-response";
import { toRatelimitResponse } from "@/lib/keys/ratelimit-config";

/**
 * The SDK's KeyResponseData: used by apis.listKeys, keys.getKey, keys.whoami and the portal's listKeys.
 * Explicit field by field, so no hash or internal column can leak.
 */
export function toKeyResponse(row: KeyRow, identity?: IdentityRow | null) {
  return {
    keyId: row.id,
    start: row.start,
    enabled: row.enabled,
    name: row.name ?? undefined,
    meta: row.meta ? asStoredJson(row.meta) : undefined,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt ?? undefined,
    lastUsedAt: row.lastUsedAt ?? undefined,
    expires: row.expiresAt ?? undefined,
    permissions: row.permissions,
    credits:
      row.creditsRemaining === null ? undefined : { remaining: row.creditsRemaining, refill: row.refill ?? undefined },
    identity: identity ? toIdentityResponse(identity) : undefined,
    ratelimits: row.ratelimits.map(toRatelimitResponse),
  };
}

export type KeyResponse = ReturnType<typeof toKeyResponse>;
