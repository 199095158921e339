// POST /operator/v1/rootKeys.create — issue a root key for a workspace (default permission `*`)
import { route } from "@/lib/api/route";
import { createRootKey, createRootKeyInput } from "@/lib/operator/create-root-key";
import { operatorAuth } from "@/lib/operator/operator-auth";
import { createdRootKeyOutput } from "@/lib/operator/responses";

export const POST = route({
  summary: "issue a root key for a workspace (default permission `*`)",
  auth: operatorAuth,
  input: createRootKeyInput,
  output: createdRootKeyOutput,
  handler: async ({ db, input, actor }) => createRootKey({ db, input, actor }),
});
