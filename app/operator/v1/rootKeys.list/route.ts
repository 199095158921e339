// POST /operator/v1/rootKeys.list — a workspace's live root keys (starts only, never secrets)
import { z } from "zod";
import { route } from "@/lib/api/route";
import { listRootKeys } from "@/lib/operator/list-root-keys";
import { operatorAuth } from "@/lib/operator/operator-auth";
import { rootKeyListOutput } from "@/lib/operator/responses";

export const POST = route({
  summary: "a workspace's live root keys (starts only, never secrets)",
  auth: operatorAuth,
  input: z.strictObject({ workspaceId: z.string().min(1) }),
  output: rootKeyListOutput,
  handler: async ({ db, input }) => listRootKeys({ db, workspaceId: input.workspaceId }),
});
