// POST /v2/keys.whoami — look up a key's record from its plaintext
import { route } from "@/lib/api/route";
import { rootKeyAuth } from "@/lib/auth/root-key";
import { keyOutput } from "@/lib/keys/responses";
import { whoami, whoamiInput } from "@/lib/keys/whoami";

export const POST = route({
  summary: "look up a key's record from its plaintext",
  auth: rootKeyAuth,
  input: whoamiInput,
  output: keyOutput,
  handler: async ({ db, input, auth }) => whoami({ db, auth, input }),
});
