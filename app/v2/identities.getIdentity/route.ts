// POST /v2/identities.getIdentity — read an identity by id or externalId
import { route } from "@/lib/api/route";
import { rootKeyAuth } from "@/lib/auth/root-key";
import { getIdentity, getIdentityInput } from "@/lib/identities/get-identity";
import { identityOutput } from "@/lib/identities/responses";

export const POST = route({
  summary: "read an identity by id or externalId",
  auth: rootKeyAuth,
  input: getIdentityInput,
  output: identityOutput,
  handler: async ({ db, input, auth }) => getIdentity({ db, auth, input }),
});
