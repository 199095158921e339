// POST /v2/identities.deleteIdentity — delete an identity; its keys keep verifying, unowned
import { emptyOutput } from "@/lib/api/responses";
import { route } from "@/lib/api/route";
import { rootKeyAuth } from "@/lib/auth/root-key";
import { deleteIdentity, deleteIdentityInput } from "@/lib/identities/delete-identity";

export const POST = route({
  summary: "delete an identity; its keys keep verifying, unowned",
  auth: rootKeyAuth,
  input: deleteIdentityInput,
  output: emptyOutput,
  handler: async ({ db, input, auth }) => deleteIdentity({ db, auth, input }),
});
