// POST /v2/portal.revokeSession — end one portal session or all of one end user's (root key)
import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { rootKeyAuth } from "@/lib/auth/root-key";
import { revokeSession, revokeSessionInput } from "@/lib/portal-sessions/revoke-session";

export const POST = route({
  auth: rootKeyAuth,
  input: revokeSessionInput,
  handler: async ({ input, auth }) => revokeSession({ db: await getDb(), auth, input }),
});
