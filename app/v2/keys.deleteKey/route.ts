// POST /v2/keys.deleteKey — revoke a key (soft by default, permanent on request)
import { emptyOutput } from "@/lib/api/responses";
import { route } from "@/lib/api/route";
import { rootKeyAuth } from "@/lib/auth/root-key";
import { deleteKey, deleteKeyInput } from "@/lib/keys/delete-key";

export const POST = route({
  summary: "revoke a key (soft by default, permanent on request)",
  auth: rootKeyAuth,
  input: deleteKeyInput,
  output: emptyOutput,
  handler: async ({ db, input, auth }) => deleteKey({ db, auth, input }),
});
