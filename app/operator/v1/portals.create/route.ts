// POST /operator/v1/portals.create — provision a portal configuration (unique slug per workspace)
import { route } from "@/lib/api/route";
import { operatorAuth } from "@/lib/operator/operator-auth";
import { createPortal } from "@/lib/portal-configs/create-portal";
import { portalConfigOutput } from "@/lib/portal-configs/responses";
import { createPortalInput } from "@/lib/portal-configs/rules";

export const POST = route({
  summary: "provision a portal configuration (unique slug per workspace)",
  auth: operatorAuth,
  input: createPortalInput,
  output: portalConfigOutput,
  handler: async ({ db, input, actor }) => createPortal({ db, input, actor }),
});
