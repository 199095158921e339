// POST /v2/keys.whoami — look up a key's record from its plaintext
import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { rootKeyAuth } from "@/lib/auth/root-key";
import { whoami, whoamiInput } from "@/lib/keys/whoami";

export const POST = route({
  auth: rootKeyAuth,
  input: whoamiInput,
  handler: async ({ input, auth }) => whoami({ db: await getDb(), auth, input }),
});
