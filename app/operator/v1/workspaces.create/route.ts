// POST /operator/v1/workspaces.create — create a workspace and its first root key (holding `*`)
import { route } from "@/lib/api/route";
import { operatorAuth } from "@/lib/operator/operator-auth";
import { createWorkspace, createWorkspaceInput } from "@/lib/workspaces/create-workspace";
import { createdWorkspaceOutput } from "@/lib/workspaces/responses";

export const POST = route({
  summary: "create a workspace and its first root key (holding `*`)",
  auth: operatorAuth,
  input: createWorkspaceInput,
  output: createdWorkspaceOutput,
  handler: async ({ db, input, actor }) => {
    const { workspaceId, rootKey, keyId } = await createWorkspace({ db, input, actor });
    return { workspaceId, rootKeyId: keyId, rootKey };
  },
});
