import "server-only";
import type { Db } from "@/db/client";
import { consoleRootAuth } from "@/lib/console/actor";
import type { RootAuth } from "@/lib/auth/root-key";
import type { ConsoleViewer } from "@/lib/console/resolve-session";

/**
 * A change made in the console: the database, the workspace it is made in (already let in by
 * requireWorkspace) and the viewer, whose console session the audit log names.
 */
export type ConsoleActing = { db: Db; workspaceId: string; viewer: ConsoleViewer };

/** The caller the lib verbs take for this change (lib/console/actor.ts consoleRootAuth). */
export function actingAuth(c: ConsoleActing): RootAuth {
  return consoleRootAuth(c.viewer, c.workspaceId);
}
