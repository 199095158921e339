import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { countLiveKeys, lockIdentity } from "@/db/queries/portal-keys";
import { ApiError, invalidInput } from "@/lib/api/errors";
import { writeAudit } from "@/lib/audit/write-audit";
import { now } from "@/lib/clock";
import { ensureIdentity } from "@/lib/identities/ensure-identity";
import { TIME_MAX_MS } from "@/lib/keys/key-fields";
import { mintKey } from "@/lib/keys/mint-key";
import { keyFromTemplate } from "@/lib/portal-configs/key-from-template";
import type { PortalSessionContext } from "@/lib/portal-sessions/session-context";
import { apisWhere, assertWritable, requireSessionPermission } from "@/lib/portal-sessions/session-permissions";

export const portalCreateKeyInput = z.strictObject({
  apiId: z.string().min(1).max(255).optional(),
  name: z.string().trim().min(1).max(200).optional(),
  /** Unix ms; must lie in the future. Absent → the portal template's default expiry, if any. */
  expires: z.number().int().positive().max(TIME_MAX_MS).optional(),
});

/**
 * portal.createKey (Keyport extension): a key for the end user from the portal's key template
 * (prefix, byte length, credits, rate limits, default expiry). At most the portal's cap of live
 * keys per end user; the identity row is locked so parallel creates cannot overshoot the cap.
 */
export async function createKey({ db, session, input }: { db: Db; session: PortalSessionContext; input: z.infer<typeof portalCreateKeyInput> }) {
  assertWritable(session);
  const apiId = input.apiId ?? apisWhere(session, "create_key")[0];
  if (input.apiId !== undefined && !session.portal.apiIds.includes(input.apiId)) throw new ApiError("unkey/data/api_not_found");
  requireSessionPermission(session, "create_key", apiId);
  const at = now();
  if (input.expires !== undefined && input.expires <= at) {
    throw invalidInput("body.expires", "expires must be a unix time in milliseconds in the future.", "Send a time after now, or leave expires out.", "body.expires: must be in the future.");
  }
  return db.transaction(async (tx) => {
    const identityId = await ensureIdentity(tx, session.workspaceId, session.externalId);
    await lockIdentity(tx, session.workspaceId, identityId);
    const live = await countLiveKeys(tx, { workspaceId: session.workspaceId, identityId, apiIds: session.portal.apiIds, at });
    if (live >= session.portal.maxKeys) {
      throw new ApiError("unkey/limits/key_limit_exceeded", `You already have ${live} active keys, the most this portal allows (${session.portal.maxKeys}). Revoke one to create another.`);
    }
    const created = await mintKey(tx, {
      workspaceId: session.workspaceId,
      apiId: apiId as string,
      identityId,
      name: input.name,
      ...keyFromTemplate(session.portal.keyTemplate, at, input.expires),
    });
    await writeAudit(tx, { workspaceId: session.workspaceId, actor: session.actor, event: "key.create", resourceId: created.keyId, meta: { apiId, portalId: session.portalId } });
    return created;
  });
}
