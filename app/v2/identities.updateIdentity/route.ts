// POST /v2/identities.updateIdentity — change an identity's meta or rate limits
import { route } from "@/lib/api/route";
import { rootKeyAuth } from "@/lib/auth/root-key";
import { identityOutput } from "@/lib/identities/responses";
import { updateIdentity, updateIdentityInput } from "@/lib/identities/update-identity";

export const POST = route({
  summary: "change an identity's meta or rate limits",
  auth: rootKeyAuth,
  input: updateIdentityInput,
  output: identityOutput,
  handler: async ({ db, input, auth }) => updateIdentity({ db, auth, input }),
});
