import type { IdentityRow } from "@/db/queries/keys";
import { asStoredJson } from "@/lib/api/reply";
import { toRatelimitResponse } from "@/lib/keys/ratelimit-config";

/**
 * The SDK's Identity shape (id, externalId, meta?, ratelimits?): what identities.getIdentity,
 * listIdentities and updateIdentity return, and the `identity` inside a key and a verification.
 */
export function toIdentityResponse(identity: IdentityRow) {
  return {
    id: identity.id,
    externalId: identity.externalId,
    meta: identity.meta ? asStoredJson(identity.meta) : undefined,
    ratelimits: identity.ratelimits.map(toRatelimitResponse),
  };
}
