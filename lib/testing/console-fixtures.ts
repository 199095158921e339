import { getDb } from "@/db/client";
import { createConsoleLink } from "@/lib/console/create-link";

/** The origin the test servers believe is theirs (PUBLIC_URL's default, http://localhost:3000). */
export const CONSOLE_ORIGIN = "http://localhost:3000";

/** A fresh console link, minted as the operator would (the verb behind console.createLink). */
export async function mintConsoleLink(workspaceId?: string) {
  const link = await createConsoleLink({ db: await getDb(), input: { workspaceId }, actor: { type: "operator", id: "operator" } });
  return { ...link, code: new URL(link.url).searchParams.get("code") ?? "" };
}

/** What the sign-in page answered: status, headers, body, and the console cookie it set (name=value), if any. */
export type SignInAnswer = { status: number; headers: Headers; text: string; cookie?: string; setCookie?: string };

/** Presses Continue: the urlencoded form POST the sign-in page sends, from `origin` (default: the server's own). */
export async function postSignIn(base: string, code: string, origin: string | null = CONSOLE_ORIGIN, extraHeaders: Record<string, string> = {}): Promise<SignInAnswer> {
  const res = await fetch(`${base}/console/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(origin === null ? {} : { Origin: origin }), ...extraHeaders },
    body: new URLSearchParams({ code }).toString(),
  });
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith("console_session="));
  return { status: res.status, headers: res.headers, text: await res.text(), setCookie, cookie: setCookie?.split(";")[0] };
}

/** Signs in with a fresh link and answers the `console_session=…` pair and the session's id. */
export async function signedInConsole(base: string, workspaceId?: string) {
  const link = await mintConsoleLink(workspaceId);
  const res = await postSignIn(base, link.code);
  if (res.status !== 303 || !res.cookie) throw new Error(`sign-in ${res.status}: ${res.text.slice(0, 200)}`);
  return { cookie: res.cookie, seal: res.cookie.slice("console_session=".length), link };
}
