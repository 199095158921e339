// POST /v2/portal.revokeSession — end one portal session or all of one end user's (root key)
import { route } from "@/lib/api/route";
import { rootKeyAuth } from "@/lib/auth/root-key";
import { revokedSessionsOutput } from "@/lib/portal-sessions/responses";
import { revokeSession, revokeSessionInput } from "@/lib/portal-sessions/revoke-session";

export const POST = route({
  summary: "end one portal session or all of one end user's (root key)",
  auth: rootKeyAuth,
  input: revokeSessionInput,
  output: revokedSessionsOutput,
  handler: async ({ db, input, auth }) => revokeSession({ db, auth, input }),
});
