// POST /operator/v1/portals.create — provision a portal configuration (unique slug per workspace)
import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { operatorAuth } from "@/lib/operator/operator-auth";
import { createPortal } from "@/lib/portal-configs/create-portal";
import { createPortalInput } from "@/lib/portal-configs/rules";

export const POST = route({
  auth: operatorAuth,
  input: createPortalInput,
  handler: async ({ input, auth }) => createPortal({ db: await getDb(), input, actor: auth.actor }),
});
