import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { revokeSessions } from "@/db/queries/portal-sessions";
import { writeAudit } from "@/lib/audit/write-audit";
import type { RootAuth } from "@/lib/auth/root-key";
import { now } from "@/lib/clock";
import { exactlyOneOf, manageablePortalIds } from "@/lib/portal-sessions/manage-scope";

export const revokeSessionInput = z.strictObject({
  sessionId: z.string().min(1).max(100).optional(),
  externalId: z.string().min(1).max(256).optional(),
});

/**
 * portal.revokeSession (root key): ends one session (`ps_` id) or every session of one end user,
 * unredeemed codes included. The next request of a revoked session is refused (rows are checked on
 * every request). Nothing matched → `{revoked: 0}`.
 */
export async function revokeSession({ db, auth, input }: { db: Db; auth: RootAuth; input: z.infer<typeof revokeSessionInput> }) {
  exactlyOneOf({ sessionId: input.sessionId, externalId: input.externalId });
  const portalIds = await manageablePortalIds(db, auth);
  return db.transaction(async (tx) => {
    const revoked = await revokeSessions(tx, auth.workspaceId, { sessionId: input.sessionId, externalId: input.externalId, portalIds }, now());
    for (const r of revoked) {
      await writeAudit(tx, {
        workspaceId: auth.workspaceId,
        actor: auth.actor,
        event: "portal.session.revoke",
        resourceId: r.id,
        meta: { portalId: r.portalId, externalId: r.externalId },
      });
    }
    return { revoked: revoked.length };
  });
}
