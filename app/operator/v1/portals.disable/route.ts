// POST /operator/v1/portals.disable — disable a portal: its sessions answer 403 at once
import { route } from "@/lib/api/route";
import { operatorAuth } from "@/lib/operator/operator-auth";
import { portalConfigOutput } from "@/lib/portal-configs/responses";
import { portalRefInput } from "@/lib/portal-configs/rules";
import { updatePortal } from "@/lib/portal-configs/update-portal";

export const POST = route({
  summary: "disable a portal: its sessions answer 403 at once",
  auth: operatorAuth,
  input: portalRefInput,
  output: portalConfigOutput,
  handler: async ({ db, input, actor }) =>
    updatePortal({ db, input: { ...input, enabled: false }, actor, event: "portal.disable" }),
});
