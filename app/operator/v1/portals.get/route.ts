// POST /operator/v1/portals.get — one portal configuration, by slug or pc_ id
import { route } from "@/lib/api/route";
import { operatorAuth } from "@/lib/operator/operator-auth";
import { getPortal } from "@/lib/portal-configs/get-portal";
import { portalConfigOutput } from "@/lib/portal-configs/responses";
import { portalRefInput } from "@/lib/portal-configs/rules";

export const POST = route({
  summary: "one portal configuration, by slug or pc_ id",
  auth: operatorAuth,
  input: portalRefInput,
  output: portalConfigOutput,
  handler: async ({ db, input }) => getPortal({ db, workspaceId: input.workspaceId, portal: input.portal }),
});
