// POST /v2/portal.deleteKey — revoke one of the end user's own keys (portal session; Keyport extension)
import { emptyOutput } from "@/lib/api/responses";
import { route } from "@/lib/api/route";
import { portalSessionWriteAuth } from "@/lib/portal-sessions/authenticate";
import { deleteKey, portalDeleteKeyInput } from "@/lib/portal-sessions/delete-key";

export const POST = route({
  summary: "revoke one of the end user's own keys (portal session; Keyport extension)",
  auth: portalSessionWriteAuth,
  input: portalDeleteKeyInput,
  output: emptyOutput,
  handler: async ({ db, input, auth }) => deleteKey({ db, session: auth, input }),
});
