// POST /v2/keys.deleteKey — revoke a key (soft by default, permanent on request)
import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { rootKeyAuth } from "@/lib/auth/root-key";
import { deleteKey, deleteKeyInput } from "@/lib/keys/delete-key";

export const POST = route({
  auth: rootKeyAuth,
  input: deleteKeyInput,
  handler: async ({ input, auth }) => deleteKey({ db: await getDb(), auth, input }),
});
