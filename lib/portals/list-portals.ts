import "server-only";
import type { Db } from "@/db/client";
import { listPortalApiIds, listPortals as listPortalRows } from "@/db/queries/portals";
import { requireWorkspace } from "@/lib/workspaces/require-workspace";
import { toPortalConfig } from "@/lib/portals/to-portal-config";

export async function listPortals({ db, workspaceId }: { db: Db; workspaceId: string }) {
  await requireWorkspace(db, workspaceId);
  const rows = await listPortalRows(db, workspaceId);
  const apiIds = await listPortalApiIds(db, rows.map((r) => r.id));
  return { portals: rows.map((r) => toPortalConfig(r, apiIds.get(r.id) ?? [])) };
}
