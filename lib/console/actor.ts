import type { Actor } from "@/lib/audit/write-audit";
import type { ConsoleViewer } from "@/lib/console/resolve-session";
import { type RootAuth, rootAuthFor } from "@/lib/auth/root-key";

/** Who the audit log names for a change made in the console: the console session `cs_…` (docs/console.md "Signing in"). */
export function consoleActor(viewer: ConsoleViewer): Actor {
  return { type: "console", id: viewer.sessionId };
}

/**
 * The caller the root-key verbs expect (lib/apis, lib/keys, …), for a console viewer who may act on
 * this workspace: every permission of the workspace (an admin's, or the operator's), the console
 * session as the actor. Only call it after requireWorkspace(viewer, workspaceId) has let the viewer in.
 */
export function consoleRootAuth(viewer: ConsoleViewer, workspaceId: string): RootAuth {
  return { ...rootAuthFor({ id: viewer.sessionId, workspaceId, permissions: ["*"] }), actor: consoleActor(viewer) };
}
