// POST /v2/portal.rerollKey — new secret for one of the end user's own keys (portal session)
import { route } from "@/lib/api/route";
import { createdKeyOutput } from "@/lib/keys/responses";
import { portalSessionWriteAuth } from "@/lib/portal-sessions/authenticate";
import { portalRerollKeyInput, rerollKey } from "@/lib/portal-sessions/reroll-key";

export const POST = route({
  summary: "new secret for one of the end user's own keys (portal session)",
  auth: portalSessionWriteAuth,
  input: portalRerollKeyInput,
  output: createdKeyOutput,
  handler: async ({ db, input, auth }) => rerollKey({ db, session: auth, input }),
});
