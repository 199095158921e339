/**
 * Where a user goes when their session ends mid-visit (SPEC §3 "Browser session"): the return URL
 * with `reason` added through the URL API, so its own query and fragment survive. Only absolute
 * https (or http to localhost) URLs qualify — the same rule createSession enforces — so a bad
 * stored value can never turn into a `javascript:` redirect.
 */
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function safeReturnUrl(value: string | null | undefined): string | undefined {
  if (!value || value.length > 500 || /[\u0000-\u001f\u007f]/.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol === "https:" || (url.protocol === "http:" && LOCAL_HOSTS.has(url.hostname))) return url.href;
  return undefined;
}

export function withReason(returnUrl: string, reason: string): string | undefined {
  const safe = safeReturnUrl(returnUrl);
  if (!safe) return undefined;
  const url = new URL(safe);
  url.searchParams.set("reason", reason);
  return url.href;
}
