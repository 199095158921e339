import "server-only";
import type { Db } from "@/db/client";
import { listLiveApis, type WorkspaceApi } from "@/db/queries/console-portals";
import { getPortal } from "@/lib/portal-configs/get-portal";
import type { PortalConfig } from "@/lib/portal-configs/to-portal-config";
import { requireWorkspace } from "@/lib/workspaces/require-workspace";

/** A portal covers at most 50 APIs; the picker offers the workspace's first 500. */
const PICKER_LIMIT = 500;

export type PortalEditorData = { workspaceName: string; apis: WorkspaceApi[]; portal?: PortalConfig };

/**
 * What the console's portal form needs: the workspace's APIs for the picker and, when editing, the
 * portal as the operator API returns it (404 from the verb when it is not one of the workspace's).
 */
export async function loadPortalEditor({ db, workspaceId, portalId }: { db: Db; workspaceId: string; portalId?: string }): Promise<PortalEditorData> {
  const ws = await requireWorkspace(db, workspaceId);
  const [apis, portal] = await Promise.all([listLiveApis(db, workspaceId, PICKER_LIMIT), portalId ? getPortal({ db, workspaceId, portal: portalId }) : undefined]);
  // A portal's own APIs are always offered, so saving never drops one the picker did not list.
  const missing = (portal?.apiIds ?? []).filter((id) => !apis.some((a) => a.id === id));
  return { workspaceName: ws.name, apis: [...apis, ...missing.map((id) => ({ id, name: id }))], portal };
}
