import type { PortalRow } from "@/db/queries/portals";
import { portalView } from "@/lib/portal/session-context";

/** The operator-facing shape of a portal configuration: explicit fields, never the raw row. */
export type PortalConfig = ReturnType<typeof toPortalConfig>;

/** What a session sees of the portal (one mapper for both planes), plus what only the operator sees. */
export function toPortalConfig(row: PortalRow, apiIds: string[]) {
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
