// POST /v2/portal.exchangeSession — redeem a portal link's one-time code for a session (older docs form)
import { z } from "zod";
import { PRAGMA_NO_CACHE, Reply } from "@/lib/api/reply";
import { route } from "@/lib/api/route";
import { noAuth } from "@/lib/auth/no-auth";
import { exchangeForRequest } from "@/lib/portal-sessions/exchange-request";
import { exchangedSessionOutput } from "@/lib/portal-sessions/responses";

export const POST = route({
  summary: "redeem a portal link's one-time code for a session (older docs form)",
  auth: noAuth,
  // `sessionId` is the code from the URL's `session` parameter, never the ps_ id (docs/sessions.md).
  input: z.strictObject({ sessionId: z.string().min(1).max(500), confirmSwitch: z.boolean().optional() }),
  output: exchangedSessionOutput,
  handler: async ({ input, rc }) => {
    const r = await exchangeForRequest(rc.req, input.sessionId, input.confirmSwitch);
    return new Reply({ token: r.token, expiresAt: r.expiresAt }, { cookies: r.setCookies, headers: PRAGMA_NO_CACHE });
  },
});
