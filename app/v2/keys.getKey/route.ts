// POST /v2/keys.getKey — read one key (never its secret)
import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { rootKeyAuth } from "@/lib/auth/root-key";
import { getKey, getKeyInput } from "@/lib/keys/get-key";

export const POST = route({
  auth: rootKeyAuth,
  input: getKeyInput,
  handler: async ({ input, auth }) => getKey({ db: await getDb(), auth, input }),
});
