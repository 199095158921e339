// POST /operator/v1/portals.list — a workspace's portal configurations
import { z } from "zod";
import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { operatorAuth } from "@/lib/operator/operator-auth";
import { listPortals } from "@/lib/portal-configs/list-portals";

export const POST = route({
  auth: operatorAuth,
  input: z.strictObject({ workspaceId: z.string().min(1) }),
  handler: async ({ input }) => listPortals({ db: await getDb(), workspaceId: input.workspaceId }),
});
