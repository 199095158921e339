// POST /v2/keys.createKey — create a key (shown once) for an API, optionally owned by an identity
import { route } from "@/lib/api/route";
import { rootKeyAuth } from "@/lib/auth/root-key";
import { createKey, createKeyInput } from "@/lib/keys/create-key";
import { createdKeyOutput } from "@/lib/keys/responses";

export const POST = route({
  summary: "create a key (shown once) for an API, optionally owned by an identity",
  auth: rootKeyAuth,
  input: createKeyInput,
  output: createdKeyOutput,
  handler: async ({ db, input, auth }) => createKey({ db, auth, input }),
});
