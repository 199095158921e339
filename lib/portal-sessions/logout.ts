import "server-only";
import type { Db } from "@/db/client";
import { revokeSessionById } from "@/db/queries/portal-sessions";
import { writeAudit } from "@/lib/audit/write-audit";
import { now } from "@/lib/clock";
import type { PortalSessionContext } from "@/lib/portal-sessions/session-context";

/**
 * portal.logout: ends this session at once (the row is revoked, so the token is dead everywhere).
 * Allowed in preview sessions too: leaving changes no key. The route also drops the portal's entry
 * from the browser's seal.
 */
export async function logout({ db, session }: { db: Db; session: PortalSessionContext }): Promise<Record<string, never>> {
  await db.transaction(async (tx) => {
    await revokeSessionById(tx, session.workspaceId, session.sessionId, now());
    await writeAudit(tx, {
      workspaceId: session.workspaceId,
      actor: session.actor,
      event: "portal.session.revoke",
      resourceId: session.sessionId,
      meta: { portalId: session.portalId, reason: "logout" },
    });
  });
  return {};
}
