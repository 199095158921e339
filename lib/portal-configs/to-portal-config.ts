import type { Db, Tx } from "@/db/client";
import { liveApiIdsByPortal, type PortalConfigRow } from "@/db/queries/portal-configs";
import { portalView } from "@/lib/portal-sessions/session-context";

/** The operator-facing shape of a portal configuration: explicit fields, never the raw row. */
export type PortalConfig = ReturnType<typeof toPortalConfig>;

/** What a session sees of the portal (one mapper for both planes), plus what only the operator sees. */
export function toPortalConfig(row: PortalConfigRow, apiIds: string[]) {
  const { id, ...view } = portalView(row, apiIds);
  return {
    portalId: id,
    workspaceId: row.workspaceId,
    ...view,
    returnUrl: row.returnUrl ?? undefined,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt ?? undefined,
  };
}

/** toPortalConfig of one row, with the portal's live APIs read now. */
export async function loadPortalConfig(db: Db | Tx, row: PortalConfigRow): Promise<PortalConfig> {
  return toPortalConfig(row, (await liveApiIdsByPortal(db, [row.id])).get(row.id) ?? []);
}
