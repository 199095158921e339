// POST /v2/portal.exchangeSession — redeem a portal link's one-time code for a session (seed docs form)
import { z } from "zod";
import { PRAGMA_NO_CACHE, Reply } from "@/lib/api/reply";
import { route } from "@/lib/api/route";
import { noAuth } from "@/lib/auth/root-key";
import { exchangeForRequest } from "@/lib/portal-sessions/exchange-request";

export const POST = route({
  auth: noAuth,
  // `sessionId` is the code from the URL's `session` parameter, never the ps_ id (SPEC §3).
  input: z.strictObject({ sessionId: z.string().min(1).max(500), confirmSwitch: z.boolean().optional() }),
  handler: async ({ input, rc }) => {
    const r = await exchangeForRequest(rc.req, input.sessionId, input.confirmSwitch);
    return new Reply({ token: r.token, expiresAt: r.expiresAt }, { cookies: [r.setCookie], headers: PRAGMA_NO_CACHE });
  },
});
