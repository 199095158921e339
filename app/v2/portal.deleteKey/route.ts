// POST /v2/portal.deleteKey — revoke one of the end user's own keys (portal session; Keyport extension)
import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { portalSessionWriteAuth } from "@/lib/portal-sessions/authenticate";
import { deleteKey, portalDeleteKeyInput } from "@/lib/portal-sessions/delete-key";

export const POST = route({
  auth: portalSessionWriteAuth,
  input: portalDeleteKeyInput,
  handler: async ({ input, auth }) => deleteKey({ db: await getDb(), session: auth, input }),
});
