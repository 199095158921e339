// POST /operator/v1/portals.list — a workspace's portal configurations
import { z } from "zod";
import { route } from "@/lib/api/route";
import { operatorAuth } from "@/lib/operator/operator-auth";
import { listPortals } from "@/lib/portal-configs/list-portals";
import { portalConfigListOutput } from "@/lib/portal-configs/responses";

export const POST = route({
  summary: "a workspace's portal configurations",
  auth: operatorAuth,
  input: z.strictObject({ workspaceId: z.string().min(1) }),
  output: portalConfigListOutput,
  handler: async ({ db, input }) => listPortals({ db, workspaceId: input.workspaceId }),
});
