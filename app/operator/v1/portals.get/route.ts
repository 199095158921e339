// POST /operator/v1/portals.get — one portal configuration, by slug or pc_ id
import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { operatorAuth } from "@/lib/operator/operator-auth";
import { getPortal } from "@/lib/portal-configs/get-portal";
import { portalRefInput } from "@/lib/portal-configs/rules";

export const POST = route({
  auth: operatorAuth,
  input: portalRefInput,
  handler: async ({ input }) => getPortal({ db: await getDb(), workspaceId: input.workspaceId, portal: input.portal }),
});
