import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { deleteLiveKey } from "@/db/queries/keys";
import { ApiError } from "@/lib/api/errors";
import { writeAudit } from "@/lib/audit/write-audit";
import { now } from "@/lib/clock";
import { findOwnKeyOr404 } from "@/lib/portal-sessions/find-own-key";
import type { PortalSessionContext } from "@/lib/portal-sessions/session-context";
import { assertWritable, requireSessionPermission } from "@/lib/portal-sessions/session-permissions";

export const portalDeleteKeyInput = z.strictObject({ keyId: z.string().min(1).max(255) });

/** portal.deleteKey (Keyport extension): revoke one of the end user's own keys (soft delete: it stops verifying at once). */
export async function deleteKey({ db, session, input }: { db: Db; session: PortalSessionContext; input: z.infer<typeof portalDeleteKeyInput> }) {
  assertWritable(session);
  return db.transaction(async (tx) => {
    const { key } = await findOwnKeyOr404(tx, session, input.keyId);
    requireSessionPermission(session, "delete_key", key.apiId);
    if (!(await deleteLiveKey(tx, session.workspaceId, key.id, { permanent: false, at: now() }))) throw new ApiError("unkey/data/key_not_found");
    await writeAudit(tx, { workspaceId: session.workspaceId, actor: session.actor, event: "key.delete", resourceId: key.id, meta: { portalId: session.portalId } });
    return {};
  });
}
