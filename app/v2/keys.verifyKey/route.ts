// POST /v2/keys.verifyKey — verify an end user's key; always 200 with a code
import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { rootKeyAuth } from "@/lib/auth/root-key";
import { verifyKey, verifyKeyInput } from "@/lib/verification/verify-key";

export const POST = route({
  auth: rootKeyAuth,
  input: verifyKeyInput,
  handler: async ({ input, auth }) => verifyKey({ db: await getDb(), auth, input }),
});
