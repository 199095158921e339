// POST /v2/identities.getIdentity — read an identity by id or externalId
import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { rootKeyAuth } from "@/lib/auth/root-key";
import { getIdentity, getIdentityInput } from "@/lib/identities/get-identity";

export const POST = route({
  auth: rootKeyAuth,
  input: getIdentityInput,
  handler: async ({ input, auth }) => getIdentity({ db: await getDb(), auth, input }),
});
