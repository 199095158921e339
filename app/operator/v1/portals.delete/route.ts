// POST /operator/v1/portals.delete — delete a portal configuration; its sessions end with it
import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { operatorAuth } from "@/lib/operator/operator-auth";
import { deletePortal } from "@/lib/portal-configs/delete-portal";
import { portalRefInput } from "@/lib/portal-configs/rules";

export const POST = route({
  auth: operatorAuth,
  input: portalRefInput,
  handler: async ({ input, auth }) => deletePortal({ db: await getDb(), input, actor: auth.actor }),
});
