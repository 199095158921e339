// POST /operator/v1/rootKeys.create — issue a root key for a workspace (default permission `*`)
import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { createRootKey, createRootKeyInput } from "@/lib/operator/create-root-key";
import { operatorAuth } from "@/lib/operator/operator-auth";

export const POST = route({
  auth: operatorAuth,
  input: createRootKeyInput,
  handler: async ({ input, auth }) => createRootKey({ db: await getDb(), input, actor: auth.actor }),
});
