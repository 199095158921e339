// POST /v2/keys.createKey — create a key (shown once) for an API, optionally owned by an identity
import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { rootKeyAuth } from "@/lib/auth/root-key";
import { createKey, createKeyInput } from "@/lib/keys/create-key";

export const POST = route({
  auth: rootKeyAuth,
  input: createKeyInput,
  handler: async ({ input, auth }) => createKey({ db: await getDb(), auth, input }),
});
