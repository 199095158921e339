// POST /v2/keys.updateKey — change a key's settings (omitted = unchanged, null = cleared)
import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { rootKeyAuth } from "@/lib/auth/root-key";
import { updateKey, updateKeyInput } from "@/lib/keys/update-key";

export const POST = route({
  auth: rootKeyAuth,
  input: updateKeyInput,
  handler: async ({ input, auth }) => updateKey({ db: await getDb(), auth, input }),
});
