import "server-only";
import type { Db, Tx } from "@/db/client";
import { findKey, type KeyWithIdentity } from "@/db/queries/keys";
import { ApiError } from "@/lib/api/errors";
import type { RootAuth } from "@/lib/auth/root-key";

/**
 * A live key of the caller's workspace, then the permission on its API. Ids of another workspace
 * are 404 (never 403), so nothing about them leaks.
 */
export async function findKeyOr404(db: Db | Tx, auth: RootAuth, keyId: string, action: string): Promise<KeyWithIdentity> {
  const found = await findKey(db, auth.workspaceId, keyId);
  if (!found) throw new ApiError("unkey/data/key_not_found");
  auth.require(`api.*.${action}`, `api.${found.key.apiId}.${action}`);
  return found;
}
