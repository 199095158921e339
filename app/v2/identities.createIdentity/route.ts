// POST /v2/identities.createIdentity — create an identity (one end user) by externalId
import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { rootKeyAuth } from "@/lib/auth/root-key";
import { createIdentity, createIdentityInput } from "@/lib/identities/create-identity";

export const POST = route({
  auth: rootKeyAuth,
  input: createIdentityInput,
  handler: async ({ input, auth }) => createIdentity({ db: await getDb(), auth, input }),
});
