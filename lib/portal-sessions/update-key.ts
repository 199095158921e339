import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { updateKeyRow } from "@/db/queries/keys";
import { writeAudit } from "@/lib/audit/write-audit";
import { now } from "@/lib/clock";
import { findOwnKeyOr404 } from "@/lib/portal-sessions/find-own-key";
import type { PortalSessionContext } from "@/lib/portal-sessions/session-context";
import { assertWritable, requireSessionPermission } from "@/lib/portal-sessions/session-permissions";

export const portalUpdateKeyInput = z.strictObject({
  keyId: z.string().min(1).max(255),
  name: z.string().trim().min(1).max(200),
});

/** portal.updateKey (Keyport extension): rename one of the end user's own keys. */
export async function updateKey({ db, session, input }: { db: Db; session: PortalSessionContext; input: z.infer<typeof portalUpdateKeyInput> }) {
  assertWritable(session);
  return db.transaction(async (tx) => {
    const { key } = await findOwnKeyOr404(tx, session, input.keyId);
    requireSessionPermission(session, "update_key", key.apiId);
    await updateKeyRow(tx, session.workspaceId, key.id, { name: input.name, updatedAt: now() });
    await writeAudit(tx, { workspaceId: session.workspaceId, actor: session.actor, event: "key.update", resourceId: key.id, meta: { name: input.name, portalId: session.portalId } });
    return {};
  });
}
