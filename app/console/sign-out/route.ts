// POST /console/sign-out — end this browser's console session (the shell's Sign out button)
import { getDb } from "@/db/client";
import { CONSOLE_COOKIE, clearedConsoleCookie } from "@/lib/console/session-cookie";
import { deadEndHtml } from "@/lib/console/sign-in-html";
import { signOutConsole } from "@/lib/console/sign-out";
import { SIGNED_OUT_PATH } from "@/lib/console/viewer";
import { env } from "@/lib/env";
import { isSameOriginRequest } from "@/lib/http/same-origin";
import { readCookie } from "@/lib/portal-sessions/session-cookie";
import { CONSOLE_CROSS_SITE } from "@/lib/ui/console-messages";

export const dynamic = "force-dynamic";

/** Same-origin only (docs/security.md "CSRF"): another site cannot sign a console user out. */
export async function POST(req: Request): Promise<Response> {
  if (!isSameOriginRequest(req)) {
    return new Response(deadEndHtml({ ...CONSOLE_CROSS_SITE, title: "This sign-out didn’t come from the console", body: "The request did not come from the console’s own pages, so nothing was done.", next: "Use the Sign out button in the console." }), {
      status: 403,
      headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  await signOutConsole(await getDb(), readCookie(req.headers.get("cookie"), CONSOLE_COOKIE));
  return new Response(null, {
    status: 303,
    headers: { Location: `${env().PUBLIC_URL}${SIGNED_OUT_PATH}`, "Set-Cookie": clearedConsoleCookie(), "Cache-Control": "no-store" },
  });
}
