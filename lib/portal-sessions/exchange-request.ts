import "server-only";
import { getDb } from "@/db/client";
import { isSameOriginRequest } from "@/lib/http/same-origin";
import { type ExchangeResult, exchangeCode } from "@/lib/portal-sessions/exchange-code";
import { requestAddress } from "@/lib/portal-sessions/request-address";

/**
 * Both exchange routes (the older docs' portal.exchangeSession and the SDK's portal.exchangeCode):
 * redeems `code` with what the request carries — its cookie (a retry after a lost answer), its client
 * address (the failure limit) and, for switching a browser signed in as another end user, the user's
 * click and a same-origin signal (docs/security.md "Switching accounts").
 */
export async function exchangeForRequest(req: Request, code: string, confirmSwitch: boolean | undefined): Promise<ExchangeResult> {
  return exchangeCode({
    db: await getDb(),
    code,
    cookieHeader: req.headers.get("cookie"),
    address: requestAddress(req),
    consent: { confirmed: confirmSwitch === true, sameOrigin: isSameOriginRequest(req) },
  });
}
