// POST /v2/keys.getKey — read one key (never its secret)
import { route } from "@/lib/api/route";
import { rootKeyAuth } from "@/lib/auth/root-key";
import { getKey, getKeyInput } from "@/lib/keys/get-key";
import { keyOutput } from "@/lib/keys/responses";

export const POST = route({
  summary: "read one key (never its secret)",
  auth: rootKeyAuth,
  input: getKeyInput,
  output: keyOutput,
  handler: async ({ db, input, auth }) => getKey({ db, auth, input }),
});
