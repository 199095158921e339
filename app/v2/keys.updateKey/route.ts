// POST /v2/keys.updateKey — change a key's settings (omitted = unchanged, null = cleared)
import { emptyOutput } from "@/lib/api/responses";
import { route } from "@/lib/api/route";
import { rootKeyAuth } from "@/lib/auth/root-key";
import { updateKey, updateKeyInput } from "@/lib/keys/update-key";

export const POST = route({
  summary: "change a key's settings (omitted = unchanged, null = cleared)",
  auth: rootKeyAuth,
  input: updateKeyInput,
  output: emptyOutput,
  handler: async ({ db, input, auth }) => updateKey({ db, auth, input }),
});
