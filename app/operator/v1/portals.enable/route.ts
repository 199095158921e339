// POST /operator/v1/portals.enable — enable a portal: its sessions work again
import { route } from "@/lib/api/route";
import { operatorAuth } from "@/lib/operator/operator-auth";
import { portalConfigOutput } from "@/lib/portal-configs/responses";
import { portalRefInput } from "@/lib/portal-configs/rules";
import { updatePortal } from "@/lib/portal-configs/update-portal";

export const POST = route({
  summary: "enable a portal: its sessions work again",
  auth: operatorAuth,
  input: portalRefInput,
  output: portalConfigOutput,
  handler: async ({ db, input, actor }) =>
    updatePortal({ db, input: { ...input, enabled: true }, actor, event: "portal.enable" }),
});
