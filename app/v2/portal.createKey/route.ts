// POST /v2/portal.createKey — a key for the end user from the portal's template (portal session; Keyport extension)
import { route } from "@/lib/api/route";
import { createdKeyOutput } from "@/lib/keys/responses";
import { portalSessionWriteAuth } from "@/lib/portal-sessions/authenticate";
import { createKey, portalCreateKeyInput } from "@/lib/portal-sessions/create-key";

export const POST = route({
  summary: "a key for the end user from the portal's template (portal session; Keyport extension)",
  auth: portalSessionWriteAuth,
  input: portalCreateKeyInput,
  output: createdKeyOutput,
  handler: async ({ db, input, auth }) => createKey({ db, session: auth, input }),
});
