import type { PortalKeyRow } from "@/db/queries/portal-keys";
import { asStoredJson } from "@/lib/api/reply";
import { toRatelimitResponse } from "@/lib/keys/ratelimit-config";

/**
 * What an end user sees of one of their keys (docs/security.md "What the portal shows"): name,
 * start, created / last used / expires, enabled (the status), credits and rate limits. Never the
 * identity (its `meta` is the company's: CRM ids, risk scores) nor the key's permissions or roles;
 * the key's own `meta` only when the portal config says `showKeyMeta`. A rolled key says so in
 * `replaced` (it works until `expires` and cannot be rolled again), naming its successor while that
 * is still one of the user's live keys (docs/security.md "Rerolls never add spending power"). Still Unkey's
 * KeyResponseData shape (every field it requires is here), so the SDK's portal.listKeys parses it.
 */
export function toPortalKeyView(row: PortalKeyRow, { showMeta }: { showMeta: boolean }) {
  return {
    keyId: row.id,
    start: row.start,
    enabled: row.enabled,
    name: row.name ?? undefined,
    meta: showMeta && row.meta ? asStoredJson(row.meta) : undefined,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt ?? undefined,
    lastUsedAt: row.lastUsedAt ?? undefined,
    expires: row.expiresAt ?? undefined,
    credits: row.creditsRemaining === null ? undefined : { remaining: row.creditsRemaining, refill: row.refill ?? undefined },
    ratelimits: row.ratelimits.map(toRatelimitResponse),
    replaced: row.replacedBy === null ? undefined : { by: row.successorStart === null ? undefined : { keyId: row.replacedBy, start: row.successorStart } },
  };
}

export type PortalKeyView = ReturnType<typeof toPortalKeyView>;
