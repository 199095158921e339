import "server-only";
import type { Db } from "@/db/client";
import { revokeConsoleSessions } from "@/db/queries/console";
import { writeAudit } from "@/lib/audit/write-audit";
import { now } from "@/lib/clock";
import { resolveConsoleSession } from "@/lib/console/resolve-session";

/** Ends the session of a console cookie, if it is live: its row is revoked, so the seal is worthless even if copied. */
export async function signOutConsole(db: Db, cookieValue: string | undefined): Promise<void> {
  const viewer = await resolveConsoleSession(db, cookieValue);
  if (!viewer) return;
  await db.transaction(async (tx) => {
    const ended = await revokeConsoleSessions(tx, { sessionId: viewer.sessionId }, now());
    if (ended.length && viewer.workspaceId !== null) {
      await writeAudit(tx, { workspaceId: viewer.workspaceId, actor: { type: "console", id: viewer.sessionId }, event: "console.session.revoke", resourceId: viewer.sessionId, meta: { reason: "sign_out" } });
    }
  });
}
