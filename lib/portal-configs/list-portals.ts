import "server-only";
import type { Db } from "@/db/client";
import { liveApiIdsByPortal, listPortalConfigs as listPortalRows } from "@/db/queries/portal-configs";
import { requireWorkspace } from "@/lib/workspaces/require-workspace";
import { toPortalConfig } from "@/lib/portal-configs/to-portal-config";

export async function listPortals({ db, workspaceId }: { db: Db; workspaceId: string }) {
  await requireWorkspace(db, workspaceId);
  const rows = await listPortalRows(db, workspaceId);
  const apiIds = await liveApiIdsByPortal(db, rows.map((r) => r.id));
  return { portals: rows.map((r) => toPortalConfig(r, apiIds.get(r.id) ?? [])) };
}
