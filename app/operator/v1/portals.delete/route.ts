// POST /operator/v1/portals.delete — delete a portal configuration; its sessions end with it
import { route } from "@/lib/api/route";
import { operatorAuth } from "@/lib/operator/operator-auth";
import { deletePortal } from "@/lib/portal-configs/delete-portal";
import { portalConfigOutput } from "@/lib/portal-configs/responses";
import { portalRefInput } from "@/lib/portal-configs/rules";

export const POST = route({
  summary: "delete a portal configuration; its sessions end with it",
  auth: operatorAuth,
  input: portalRefInput,
  output: portalConfigOutput,
  handler: async ({ db, input, actor }) => deletePortal({ db, input, actor }),
});
