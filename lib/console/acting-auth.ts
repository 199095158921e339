import "server-only";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/audit/write-audit";
import { type RootAuth, rootAuthFor } from "@/lib/auth/root-key";

/**
 * Who a console change is made by: the database, the workspace it is made in (already checked
 * against the viewer's scope by requireWorkspace) and the audit actor naming the console session.
 */
export type ConsoleActing = { db: Db; workspaceId: string; actor: Actor };

/**
 * The caller the lib verbs take (the same verbs as the /v2 endpoints): scoped to the one workspace,
 * holding every permission in it (a console session administers its workspace), and recorded in
 * the audit log as the console session, never as a root key.
 */
export function consoleRootAuth(c: Pick<ConsoleActing, "workspaceId" | "actor">): RootAuth {
  return { ...rootAuthFor({ id: c.actor.id, workspaceId: c.workspaceId, permissions: ["*"] }), actor: c.actor };
}
