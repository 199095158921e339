// POST /operator/v1/workspaces.create — create a workspace and its first root key (holding `*`)
import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { operatorAuth } from "@/lib/operator/operator-auth";
import { createWorkspace, createWorkspaceInput } from "@/lib/workspaces/create-workspace";

export const POST = route({
  auth: operatorAuth,
  input: createWorkspaceInput,
  handler: async ({ input, auth }) => {
    const { workspaceId, rootKey, keyId } = await createWorkspace({ db: await getDb(), input, actor: auth.actor });
    return { workspaceId, rootKeyId: keyId, rootKey };
  },
});
