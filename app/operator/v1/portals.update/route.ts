// POST /operator/v1/portals.update — change a portal's branding, APIs, policy or limits
import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { operatorAuth } from "@/lib/operator/operator-auth";
import { updatePortalInput } from "@/lib/portal-configs/rules";
import { updatePortal } from "@/lib/portal-configs/update-portal";

export const POST = route({
  auth: operatorAuth,
  input: updatePortalInput,
  handler: async ({ input, auth }) => updatePortal({ db: await getDb(), input, actor: auth.actor }),
});
