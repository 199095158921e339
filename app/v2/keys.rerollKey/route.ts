// POST /v2/keys.rerollKey — replace a key with a new secret, keeping its configuration
import { route } from "@/lib/api/route";
import { rootKeyAuth } from "@/lib/auth/root-key";
import { rerollKey, rerollKeyInput } from "@/lib/keys/reroll-key";
import { createdKeyOutput } from "@/lib/keys/responses";

export const POST = route({
  summary: "replace a key with a new secret, keeping its configuration",
  auth: rootKeyAuth,
  input: rerollKeyInput,
  output: createdKeyOutput,
  handler: async ({ db, input, auth }) => rerollKey({ db, auth, input }),
});
