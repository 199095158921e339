import "server-only";
import type { Db, Tx } from "@/db/client";
import { findPortal, listPortalApiIds, type PortalRow } from "@/db/queries/portals";
import { ApiError } from "@/lib/api/errors";
import { requireWorkspace } from "@/lib/workspaces/require-workspace";
import { isValidSlug } from "@/lib/workspaces/slug";

/** A portal of the workspace by slug or `pc_` id, else 404 (suggesting the lowercase slug on a case slip). */
export async function requirePortal(db: Db | Tx, workspaceId: string, ref: string): Promise<PortalRow> {
  await requireWorkspace(db, workspaceId);
  const row = await findPortal(db, workspaceId, ref);
  if (row) return row;
  const lower = ref.toLowerCase();
  const hint = lower !== ref && isValidSlug(lower) && (await findPortal(db, workspaceId, lower)) ? ` Slugs are lowercase: did you mean "${lower}"?` : "";
  throw new ApiError("unkey/data/portal_config_not_found", `No portal "${ref}" in workspace ${workspaceId}.${hint}`);
}

export async function apiIdsOf(db: Db | Tx, portalId: string): Promise<string[]> {
  return (await listPortalApiIds(db, [portalId])).get(portalId) ?? [];
}
