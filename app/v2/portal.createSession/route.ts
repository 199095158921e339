// POST /v2/portal.createSession — mint a one-time portal link for one end user (root key)
import { PRAGMA_NO_CACHE, Reply } from "@/lib/api/reply";
import { route } from "@/lib/api/route";
import { rootKeyAuth } from "@/lib/auth/root-key";
import { createSession, createSessionData, createSessionInput } from "@/lib/portal-sessions/create-session";
import { createdSessionOutput } from "@/lib/portal-sessions/responses";

export const POST = route({
  summary: "mint a one-time portal link for one end user (root key)",
  auth: rootKeyAuth,
  input: createSessionInput,
  output: createdSessionOutput,
  handler: async ({ db, input, auth }) => {
    const session = await createSession({ db, auth, input });
    return new Reply(createSessionData(input, session), { headers: PRAGMA_NO_CACHE });
  },
});
