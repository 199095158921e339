// POST /v2/identities.deleteIdentity — delete an identity; its keys keep verifying, unowned
import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { rootKeyAuth } from "@/lib/auth/root-key";
import { deleteIdentity, deleteIdentityInput } from "@/lib/identities/delete-identity";

export const POST = route({
  auth: rootKeyAuth,
  input: deleteIdentityInput,
  handler: async ({ input, auth }) => deleteIdentity({ db: await getDb(), auth, input }),
});
