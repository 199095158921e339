import "server-only";
import type { Db, Tx } from "@/db/client";
import { findWorkspace } from "@/db/queries/workspaces";
import { ApiError } from "@/lib/api/errors";

/** The workspace, or 404 `workspace_not_found` (operator requests name workspaces by id). */
export async function requireWorkspace(db: Db | Tx, workspaceId: string) {
  const ws = await findWorkspace(db, workspaceId);
  if (!ws) throw new ApiError("keyport/data/workspace_not_found", `No workspace with id "${workspaceId}".`);
  return ws;
}
