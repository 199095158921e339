// POST /v2/portal.createSession — mint a one-time portal link for one end user (root key)
import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { rootKeyAuth } from "@/lib/auth/root-key";
import { createSession, createSessionInput } from "@/lib/portal/create-session";

export const POST = route({
  auth: rootKeyAuth,
  input: createSessionInput,
  handler: async ({ input, auth }) => createSession({ db: await getDb(), auth, input }),
});
