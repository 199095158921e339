import "server-only";
import type { Db } from "@/db/client";
import { requirePortal } from "@/lib/portal-configs/require-portal";
import { loadPortalConfig } from "@/lib/portal-configs/to-portal-config";

/** operator portals.get: one portal configuration of a workspace, by slug or `pc_` id. */
export async function getPortal({ db, workspaceId, portal }: { db: Db; workspaceId: string; portal: string }) {
  return loadPortalConfig(db, await requirePortal(db, workspaceId, portal));
}
