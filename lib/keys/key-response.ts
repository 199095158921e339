import type { IdentityRow, KeyRow } from "@/db/queries/keys";
import type { KeyRatelimit } from "@/db/schema";
import { asStoredJson } from "@/lib/api/reply";

/** The SDK's RatelimitResponse. */
export function toRatelimitResponse(r: KeyRatelimit) {
  return { id: r.id, name: r.name, limit: r.limit, duration: r.duration, autoApply: r.autoApply };
}

/** The SDK's Identity shape (id, externalId, meta?, ratelimits?). */
export function toIdentityResponse(identity: IdentityRow) {
  return {
    id: identity.id,
    externalId: identity.externalId,
    meta: identity.meta ? asStoredJson(identity.meta) : undefined,
    ratelimits: identity.ratelimits.map(toRatelimitResponse),
  };
}

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
