// POST /operator/v1/console.revokeSessions — end console sessions at once: all, one workspace's, or one
import { route } from "@/lib/api/route";
import { revokedConsoleSessionsOutput } from "@/lib/console/responses";
import { revokeConsoleSessionsInput, revokeSessions } from "@/lib/console/revoke-sessions";
import { operatorAuth } from "@/lib/operator/operator-auth";

export const POST = route({
  summary: "end console sessions at once: all, one workspace's, or one",
  auth: operatorAuth,
  input: revokeConsoleSessionsInput,
  output: revokedConsoleSessionsOutput,
  handler: async ({ db, input, actor }) => revokeSessions({ db, input, actor }),
});
