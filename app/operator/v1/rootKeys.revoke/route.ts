// POST /operator/v1/rootKeys.revoke — revoke a root key at once
import { z } from "zod";
import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { operatorAuth } from "@/lib/operator/operator-auth";
import { revokeRootKey } from "@/lib/operator/revoke-root-key";

export const POST = route({
  auth: operatorAuth,
  input: z.strictObject({ keyId: z.string().min(1) }),
  handler: async ({ input, auth }) => revokeRootKey({ db: await getDb(), keyId: input.keyId, actor: auth.actor }),
});
