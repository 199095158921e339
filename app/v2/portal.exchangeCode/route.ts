// POST /v2/portal.exchangeCode — redeem a portal link's one-time code for an access token (SDK form)
import { z } from "zod";
import { PRAGMA_NO_CACHE, Reply } from "@/lib/api/reply";
import { route } from "@/lib/api/route";
import { noAuth } from "@/lib/auth/no-auth";
import { exchangeForRequest } from "@/lib/portal-sessions/exchange-request";
import { exchangedCodeOutput } from "@/lib/portal-sessions/responses";

export const POST = route({
  summary: "redeem a portal link's one-time code for an access token (SDK form)",
  auth: noAuth,
  input: z.strictObject({ code: z.string().min(1).max(500), confirmSwitch: z.boolean().optional() }),
  output: exchangedCodeOutput,
  handler: async ({ input, rc }) => {
    const r = await exchangeForRequest(rc.req, input.code, input.confirmSwitch);
    return new Reply({ accessToken: r.token, expiresAt: r.expiresAt }, { cookies: r.setCookies, headers: PRAGMA_NO_CACHE });
  },
});
