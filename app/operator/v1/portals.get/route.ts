// POST /operator/v1/portals.get — one portal configuration, by slug or pc_ id
import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { operatorAuth } from "@/lib/operator/operator-auth";
import { portalRefInput } from "@/lib/portals/portal-rules";
import { apiIdsOf, requirePortal } from "@/lib/portals/resolve-portal";
import { toPortalConfig } from "@/lib/portals/to-portal-config";

export const POST = route({
  auth: operatorAuth,
  input: portalRefInput,
  handler: async ({ input }) => {
    const db = await getDb();
    const row = await requirePortal(db, input.workspaceId, input.portal);
    return toPortalConfig(row, await apiIdsOf(db, row.id));
  },
});
