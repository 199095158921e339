// POST /operator/v1/rootKeys.list — a workspace's live root keys (starts only, never secrets)
import { z } from "zod";
import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { listRootKeys } from "@/lib/operator/list-root-keys";
import { operatorAuth } from "@/lib/operator/operator-auth";

export const POST = route({
  auth: operatorAuth,
  input: z.strictObject({ workspaceId: z.string().min(1) }),
  handler: async ({ input }) => listRootKeys({ db: await getDb(), workspaceId: input.workspaceId }),
});
