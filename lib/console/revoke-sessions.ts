import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { findConsoleSession, revokeConsoleSessions } from "@/db/queries/console";
import { ApiError } from "@/lib/api/errors";
import { type Actor, writeAudit } from "@/lib/audit/write-audit";
import { now } from "@/lib/clock";
import { log } from "@/lib/log";
import { requireWorkspace } from "@/lib/workspaces/require-workspace";

export const revokeConsoleSessionsInput = z.strictObject({
  workspaceId: z.string().min(1).max(255).optional().describe("Only the sessions of this workspace's admin view."),
  sessionId: z.string().min(1).max(255).optional().describe("Only this session (`cs_…`). With neither field, every console session ends."),
});

/**
 * Ends console sessions at once (docs/console.md "Signing in"): every one, one workspace's, or one.
 * Each session is read from its row on every request, so the next request of a revoked one is signed
 * out. Answers how many live sessions ended; a named session that does not exist (or is of another
 * workspace than the one named) is 404, and nothing changes.
 */
export async function revokeSessions({ db, input, actor }: { db: Db; input: z.infer<typeof revokeConsoleSessionsInput>; actor: Actor }) {
  const revoked = await db.transaction(async (tx) => {
    if (input.workspaceId !== undefined) await requireWorkspace(tx, input.workspaceId);
    if (input.sessionId !== undefined) {
      const row = await findConsoleSession(tx, input.sessionId);
      if (!row || (input.workspaceId !== undefined && row.workspaceId !== input.workspaceId)) {
        throw new ApiError("keyport/data/console_session_not_found", `No console session with id "${input.sessionId}"${input.workspaceId ? ` in workspace "${input.workspaceId}"` : ""}.`);
      }
    }
    const rows = await revokeConsoleSessions(tx, input, now());
    for (const r of rows) {
      if (r.workspaceId !== null) await writeAudit(tx, { workspaceId: r.workspaceId, actor, event: "console.session.revoke", resourceId: r.id });
    }
    return rows;
  });
  // Operator sessions belong to no workspace's audit log: their end is logged (ids only) instead.
  const operatorSessions = revoked.filter((r) => r.workspaceId === null).map((r) => r.id);
  if (operatorSessions.length) log().info({ sessionIds: operatorSessions, actor: actor.type }, "console operator sessions revoked");
  return { revoked: revoked.length };
}
