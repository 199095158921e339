import "server-only";
import type { Db, Tx } from "@/db/client";
import { findPortalConfig, type PortalConfigRow } from "@/db/queries/portal-configs";
import { ApiError } from "@/lib/api/errors";
import { requireWorkspace } from "@/lib/workspaces/require-workspace";
import { isValidSlug } from "@/lib/workspaces/slug";

/** A portal of the workspace by slug or `pc_` id, else 404 (suggesting the lowercase slug on a case slip). */
export async function requirePortal(db: Db | Tx, workspaceId: string, ref: string): Promise<PortalConfigRow> {
  await requireWorkspace(db, workspaceId);
  const row = await findPortalConfig(db, workspaceId, ref);
  if (row) return row;
  const lower = ref.toLowerCase();
  const hint = lower !== ref && isValidSlug(lower) && (await findPortalConfig(db, workspaceId, lower)) ? ` Slugs are lowercase: did you mean "${lower}"?` : "";
  throw new ApiError("unkey/data/portal_config_not_found", `No portal "${ref}" in workspace ${workspaceId}.${hint}`);
}
