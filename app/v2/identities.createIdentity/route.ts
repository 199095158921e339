// POST /v2/identities.createIdentity — create an identity (one end user) by externalId
import { route } from "@/lib/api/route";
import { rootKeyAuth } from "@/lib/auth/root-key";
import { createIdentity, createIdentityInput } from "@/lib/identities/create-identity";
import { createdIdentityOutput } from "@/lib/identities/responses";

export const POST = route({
  summary: "create an identity (one end user) by externalId",
  auth: rootKeyAuth,
  input: createIdentityInput,
  output: createdIdentityOutput,
  handler: async ({ db, input, auth }) => createIdentity({ db, auth, input }),
});
