import { z } from "zod";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Why a return URL is refused, or undefined when it is fine (docs/sessions.md): absolute `https` (or `http`
 * to localhost), at most 500 characters, no control characters, no credentials. Scheme-relative
 * (`//host`), `javascript:` and `data:` URLs never pass, so the portal cannot become an open
 * redirect to script.
 */
export function returnUrlProblem(value: string): string | undefined {
  if (value.length > 500) return "must be at most 500 characters";
  // Control characters and whitespace (tab, newline) are silently dropped by URL parsers; refuse them outright.
  if (/[\u0000-\u0020\u007f-\u009f]/.test(value)) return "must not contain spaces or control characters";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "must be an absolute URL such as https://example.com/account";
  }
  if (!/^https?:\/\//i.test(value)) return "must start with https://";
  if (url.username || url.password) return "must not contain credentials";
  if (url.protocol === "https:") return undefined;
  if (url.protocol === "http:" && LOCAL_HOSTS.has(url.hostname)) return undefined;
  return "must use https (http is allowed only for localhost)";
}

export const returnUrlSchema = z.string().superRefine((value, ctx) => {
  const problem = returnUrlProblem(value);
  if (problem) {
    ctx.addIssue({
      code: "custom",
      message: `returnUrl ${problem}.`,
      params: { fix: "Send an absolute https URL of your own app, for example https://app.example.com/settings/api-keys." },
    });
  }
});

/**
 * Where a user goes when their session ends mid-visit (docs/sessions.md "The browser session"): the return URL
 * with `reason` added through the URL API, so its own query and fragment survive. The URL must pass
 * the same rule createSession enforces (one rule, lib/portal-configs/return-url.ts), so a bad stored value
 * can never turn into a `javascript:` redirect or link.
 */
export function safeReturnUrl(value: string | null | undefined): string | undefined {
  if (!value || returnUrlProblem(value) !== undefined) return undefined;
  return new URL(value).href;
}

export function withReason(returnUrl: string, reason: string): string | undefined {
  const safe = safeReturnUrl(returnUrl);
  if (!safe) return undefined;
  const url = new URL(safe);
  url.searchParams.set("reason", reason);
  return url.href;
}
