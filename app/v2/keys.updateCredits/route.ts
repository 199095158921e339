// POST /v2/keys.updateCredits — set, increment or decrement a key's credits
import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { rootKeyAuth } from "@/lib/auth/root-key";
import { updateCredits, updateCreditsInput } from "@/lib/keys/update-credits";

export const POST = route({
  auth: rootKeyAuth,
  input: updateCreditsInput,
  handler: async ({ input, auth }) => updateCredits({ db: await getDb(), auth, input }),
});
