// POST /v2/portal.getVerifications — zero-filled verification series of the end user's keys (portal session)
import { route } from "@/lib/api/route";
import { portalSessionAuth } from "@/lib/portal-sessions/authenticate";
import { getVerifications, getVerificationsInput } from "@/lib/portal-sessions/get-verifications";
import { verificationSeriesOutput } from "@/lib/portal-sessions/responses";

export const POST = route({
  summary: "zero-filled verification series of the end user's keys (portal session)",
  auth: portalSessionAuth,
  input: getVerificationsInput,
  output: verificationSeriesOutput,
  handler: async ({ db, input, auth }) => getVerifications({ db, session: auth, input }),
});
