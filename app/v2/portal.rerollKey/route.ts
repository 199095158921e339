// POST /v2/portal.rerollKey — new secret for one of the end user's own keys (portal session)
import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { portalSessionWriteAuth } from "@/lib/portal-sessions/authenticate";
import { portalRerollKeyInput, rerollKey } from "@/lib/portal-sessions/reroll-key";

export const POST = route({
  auth: portalSessionWriteAuth,
  input: portalRerollKeyInput,
  handler: async ({ input, auth }) => rerollKey({ db: await getDb(), session: auth, input }),
});
