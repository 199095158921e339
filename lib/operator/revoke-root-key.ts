import "server-only";
import type { Db } from "@/db/client";
import { findLiveRootKeyWorkspace, revokeRootKey as markRevoked } from "@/db/queries/root-keys";
import { ApiError } from "@/lib/api/errors";
import { type Actor, writeAudit } from "@/lib/audit/write-audit";
import { forgetRootKey } from "@/lib/auth/root-key-cache";
import { now } from "@/lib/clock";

/**
 * Revokes a root key: at once in this process (its cache entry goes), within 1 s in others (the cache's
 * bound). Unknown or already revoked → 404; so is a key of another workspace than `workspaceId`, when
 * the caller is scoped to one (the console's workspace admin).
 */
export async function revokeRootKey({ db, keyId, actor, workspaceId: scope }: { db: Db; keyId: string; actor: Actor; workspaceId?: string }) {
  const result = await db.transaction(async (tx) => {
    const workspaceId = await findLiveRootKeyWorkspace(tx, keyId);
    if (!workspaceId || (scope !== undefined && workspaceId !== scope) || !(await markRevoked(tx, keyId, now()))) {
      throw new ApiError("unkey/data/key_not_found", `No live root key with id "${keyId}".`);
    }
    await writeAudit(tx, { workspaceId, actor, event: "root_key.revoke", resourceId: keyId });
    return { revoked: true as const };
  });
  forgetRootKey(keyId);
  return result;
}
