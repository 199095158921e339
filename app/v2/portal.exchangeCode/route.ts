// POST /v2/portal.exchangeCode — redeem a portal link's one-time code for an access token (SDK form)
import { z } from "zod";
import { getDb } from "@/db/client";
import { PRAGMA_NO_CACHE, Reply } from "@/lib/api/reply";
import { route } from "@/lib/api/route";
import { noAuth } from "@/lib/auth/root-key";
import { isSameOriginRequest } from "@/lib/http/same-origin";
import { requestAddress } from "@/lib/portal/request-address";
import { exchangeCode } from "@/lib/portal/exchange-code";

export const POST = route({
  auth: noAuth,
  input: z.strictObject({ code: z.string().min(1).max(500), confirmSwitch: z.boolean().optional() }),
  handler: async ({ input, rc }) => {
    const r = await exchangeCode({
      db: await getDb(),
      code: input.code,
      cookieHeader: rc.req.headers.get("cookie"),
      address: requestAddress(rc.req),
      // Keyport extension: switching a browser signed in as another end user needs the user's click (docs/security.md "Switching accounts").
      consent: { confirmed: input.confirmSwitch === true, sameOrigin: isSameOriginRequest(rc.req) },
    });
    return new Reply({ accessToken: r.token, expiresAt: r.expiresAt }, { cookies: [r.setCookie], headers: PRAGMA_NO_CACHE });
  },
});
