// POST /v2/portal.createSession — mint a one-time portal link for one end user (root key)
import { getDb } from "@/db/client";
import { PRAGMA_NO_CACHE, Reply } from "@/lib/api/reply";
import { route } from "@/lib/api/route";
import { rootKeyAuth } from "@/lib/auth/root-key";
import { createSession, createSessionData, createSessionInput } from "@/lib/portal-sessions/create-session";

export const POST = route({
  auth: rootKeyAuth,
  input: createSessionInput,
  handler: async ({ input, auth }) => {
    const session = await createSession({ db: await getDb(), auth, input });
    return new Reply(createSessionData(input, session), { headers: PRAGMA_NO_CACHE });
  },
});
