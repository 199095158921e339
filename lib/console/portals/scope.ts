import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { ConsoleViewer } from "@/lib/console/viewer";

/**
 * The console's scope again, inside every portal action (the pages and actions check it first with
 * requireWorkspace): a workspace admin acts on their own workspace only. Anything else is the same
 * 404 as a workspace that does not exist (docs/console.md "Signing in").
 */
export function assertInScope(viewer: ConsoleViewer, workspaceId: string): void {
  if (viewer.workspaceId !== null && viewer.workspaceId !== workspaceId) {
    throw new ApiError("keyport/data/workspace_not_found", `No workspace with id "${workspaceId}".`);
  }
}
