// POST /operator/v1/portals.update — change a portal's branding, APIs, policy or limits
import { route } from "@/lib/api/route";
import { operatorAuth } from "@/lib/operator/operator-auth";
import { portalConfigOutput } from "@/lib/portal-configs/responses";
import { updatePortalInput } from "@/lib/portal-configs/rules";
import { updatePortal } from "@/lib/portal-configs/update-portal";

export const POST = route({
  summary: "change a portal's branding, APIs, policy or limits",
  auth: operatorAuth,
  input: updatePortalInput,
  output: portalConfigOutput,
  handler: async ({ db, input, actor }) => updatePortal({ db, input, actor }),
});
