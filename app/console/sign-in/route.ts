// GET|POST /console/sign-in?code=… — the page a console link opens, and its Continue button's one-time redemption
import { getDb } from "@/db/client";
import { now } from "@/lib/clock";
import { consoleHome } from "@/lib/console/home";
import { consoleCookie, sealConsoleToken } from "@/lib/console/session-cookie";
import { continueHtml, deadEndHtml } from "@/lib/console/sign-in-html";
import { type DeadLink, peekConsoleLink, signInWithCode } from "@/lib/console/sign-in";
import { env } from "@/lib/env";
import { isSameOriginRequest } from "@/lib/http/same-origin";
import { throttleFailure } from "@/lib/portal-sessions/exchange-rate-limit";
import { requestAddress } from "@/lib/portal-sessions/request-address";
import {
  CONSOLE_CROSS_SITE,
  CONSOLE_LINK_EXPIRED,
  CONSOLE_LINK_INCOMPLETE,
  CONSOLE_LINK_UNKNOWN,
  CONSOLE_LINK_USED,
  CONSOLE_RATE_LIMITED,
  type ConsoleDeadEnd,
} from "@/lib/ui/console-messages";

export const dynamic = "force-dynamic";

const DEAD: Record<DeadLink, ConsoleDeadEnd> = { unknown: CONSOLE_LINK_UNKNOWN, used: CONSOLE_LINK_USED, expired: CONSOLE_LINK_EXPIRED };

/** Reading the link changes nothing: it says what the link opens and offers Continue, or says why it opens nothing. */
export async function GET(req: Request): Promise<Response> {
  const code = new URL(req.url).searchParams.get("code");
  if (!code) return page(deadEndHtml(CONSOLE_LINK_INCOMPLETE), 401);
  const peek = await peekConsoleLink(await getDb(), code);
  if (!peek.ok) return page(deadEndHtml(DEAD[peek.reason]), DEAD[peek.reason].status);
  return page(continueHtml(code, peek.workspace, peek.minutesLeft), 200);
}

/**
 * Continue: a same-origin form POST (docs/security.md "CSRF") redeems the code once, sets the sealed
 * console cookie and sends the browser to its view. A refused attempt changes nothing but the
 * address's failure counter.
 */
export async function POST(req: Request): Promise<Response> {
  if (!isSameOriginRequest(req)) return page(deadEndHtml(CONSOLE_CROSS_SITE), 403);
  const code = await formCode(req);
  if (!code) return page(deadEndHtml(CONSOLE_LINK_INCOMPLETE), 401);
  const db = await getDb();
  const result = await signInWithCode(db, code);
  if (!result.ok) {
    if (await throttleFailure(db, "console", requestAddress(req))) return page(deadEndHtml(CONSOLE_RATE_LIMITED), 429);
    return page(deadEndHtml(DEAD[result.reason]), DEAD[result.reason].status);
  }
  const { token, expiresAt, workspaceId } = result.session;
  const ttlSeconds = Math.ceil((expiresAt - now()) / 1000);
  const seal = await sealConsoleToken(token, ttlSeconds);
  return new Response(null, {
    status: 303,
    headers: { Location: `${env().PUBLIC_URL}${consoleHome(workspaceId)}`, "Set-Cookie": consoleCookie(seal, ttlSeconds), "Cache-Control": "no-store" },
  });
}

/** The `code` field of a small urlencoded form; anything larger than a form with one code is not read. */
async function formCode(req: Request): Promise<string | undefined> {
  const length = Number(req.headers.get("content-length") ?? "0");
  if (!(req.headers.get("content-type") ?? "").startsWith("application/x-www-form-urlencoded") || length > 2048) return undefined;
  const text = await req.text();
  if (text.length > 2048) return undefined;
  return new URLSearchParams(text).get("code") ?? undefined;
}

function page(body: string, status: number): Response {
  return new Response(body, {
    status,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store, max-age=0", "Referrer-Policy": "same-origin" },
  });
}
