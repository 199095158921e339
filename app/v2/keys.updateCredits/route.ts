// POST /v2/keys.updateCredits — set, increment or decrement a key's credits
import { route } from "@/lib/api/route";
import { rootKeyAuth } from "@/lib/auth/root-key";
import { updatedCreditsOutput } from "@/lib/keys/responses";
import { updateCredits, updateCreditsInput } from "@/lib/keys/update-credits";

export const POST = route({
  summary: "set, increment or decrement a key's credits",
  auth: rootKeyAuth,
  input: updateCreditsInput,
  output: updatedCreditsOutput,
  handler: async ({ db, input, auth }) => updateCredits({ db, auth, input }),
});
