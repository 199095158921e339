// POST /v2/keys.verifyKey — verify an end user's key; always 200 with a code
import { route } from "@/lib/api/route";
import { rootKeyAuth } from "@/lib/auth/root-key";
import { verifyKeyOutput } from "@/lib/verification/responses";
import { verifyKey, verifyKeyInput } from "@/lib/verification/verify-key";

export const POST = route({
  summary: "verify an end user's key; always 200 with a code",
  auth: rootKeyAuth,
  input: verifyKeyInput,
  output: verifyKeyOutput,
  handler: async ({ db, input, auth }) => verifyKey({ db, auth, input }),
});
