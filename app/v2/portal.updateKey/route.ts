// POST /v2/portal.updateKey — rename one of the end user's own keys (portal session; Keyport extension)
import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { portalSessionWriteAuth } from "@/lib/portal-sessions/authenticate";
import { portalUpdateKeyInput, updateKey } from "@/lib/portal-sessions/update-key";

export const POST = route({
  auth: portalSessionWriteAuth,
  input: portalUpdateKeyInput,
  handler: async ({ input, auth }) => updateKey({ db: await getDb(), session: auth, input }),
});
