// POST /v2/portal.updateKey — rename one of the end user's own keys (portal session; Keyport extension)
import { emptyOutput } from "@/lib/api/responses";
import { route } from "@/lib/api/route";
import { portalSessionWriteAuth } from "@/lib/portal-sessions/authenticate";
import { portalUpdateKeyInput, updateKey } from "@/lib/portal-sessions/update-key";

export const POST = route({
  summary: "rename one of the end user's own keys (portal session; Keyport extension)",
  auth: portalSessionWriteAuth,
  input: portalUpdateKeyInput,
  output: emptyOutput,
  handler: async ({ db, input, auth }) => updateKey({ db, session: auth, input }),
});
