// POST /v2/keys.rerollKey — replace a key with a new secret, keeping its configuration
import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { rootKeyAuth } from "@/lib/auth/root-key";
import { rerollKey, rerollKeyInput } from "@/lib/keys/reroll-key";

export const POST = route({
  auth: rootKeyAuth,
  input: rerollKeyInput,
  handler: async ({ input, auth }) => rerollKey({ db: await getDb(), auth, input }),
});
