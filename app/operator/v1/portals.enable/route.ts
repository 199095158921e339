// POST /operator/v1/portals.enable — enable a portal: its sessions work again
import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { operatorAuth } from "@/lib/operator/operator-auth";
import { portalRefInput } from "@/lib/portal-configs/rules";
import { updatePortal } from "@/lib/portal-configs/update-portal";

export const POST = route({
  auth: operatorAuth,
  input: portalRefInput,
  handler: async ({ input, auth }) =>
    updatePortal({ db: await getDb(), input: { ...input, enabled: true }, actor: auth.actor, event: "portal.enable" }),
});
