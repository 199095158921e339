// POST /operator/v1/rootKeys.revoke — revoke a root key at once
import { z } from "zod";
import { route } from "@/lib/api/route";
import { operatorAuth } from "@/lib/operator/operator-auth";
import { revokedRootKeyOutput } from "@/lib/operator/responses";
import { revokeRootKey } from "@/lib/operator/revoke-root-key";

export const POST = route({
  summary: "revoke a root key at once",
  auth: operatorAuth,
  input: z.strictObject({ keyId: z.string().min(1) }),
  output: revokedRootKeyOutput,
  handler: async ({ db, input, actor }) => revokeRootKey({ db, keyId: input.keyId, actor }),
});
