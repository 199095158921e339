// POST /v2/identities.updateIdentity — change an identity's meta or rate limits
import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { rootKeyAuth } from "@/lib/auth/root-key";
import { updateIdentity, updateIdentityInput } from "@/lib/identities/update-identity";

export const POST = route({
  auth: rootKeyAuth,
  input: updateIdentityInput,
  handler: async ({ input, auth }) => updateIdentity({ db: await getDb(), auth, input }),
});
