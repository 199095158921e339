// POST /v2/portal.createKey — a key for the end user from the portal's template (portal session; Keyport extension)
import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { portalSessionWriteAuth } from "@/lib/portal-sessions/authenticate";
import { createKey, portalCreateKeyInput } from "@/lib/portal-sessions/create-key";

export const POST = route({
  auth: portalSessionWriteAuth,
  input: portalCreateKeyInput,
  handler: async ({ input, auth }) => createKey({ db: await getDb(), session: auth, input }),
});
