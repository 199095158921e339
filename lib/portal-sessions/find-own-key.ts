import "server-only";
import type { Db, Tx } from "@/db/client";
import { findKey, type KeyWithIdentity } from "@/db/queries/keys";
import { ApiError } from "@/lib/api/errors";
import type { PortalSessionContext } from "@/lib/portal-sessions/session-context";

/**
 * A live key that belongs to the session's end user and to one of its portal's APIs; anything else
 * (another user's key, another workspace's, another portal's) is the same 404, so nothing leaks.
 */
export async function findOwnKeyOr404(db: Db | Tx, session: PortalSessionContext, keyId: string): Promise<KeyWithIdentity> {
  const found = await findKey(db, session.workspaceId, keyId);
  if (!found || found.identity?.externalId !== session.externalId || !session.portal.apiIds.includes(found.key.apiId)) {
    throw new ApiError("unkey/data/key_not_found");
  }
  return found;
}
