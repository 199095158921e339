// POST /v2/portal.getVerifications — zero-filled verification series of the end user's keys (portal session)
import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { portalSessionAuth } from "@/lib/portal-sessions/authenticate";
import { getVerifications, getVerificationsInput } from "@/lib/portal-sessions/get-verifications";

export const POST = route({
  auth: portalSessionAuth,
  input: getVerificationsInput,
  handler: async ({ input, auth }) => getVerifications({ db: await getDb(), session: auth, input }),
});
