import { returnUrlProblem } from "@/lib/portal/return-url";

/**
 * Where a user goes when their session ends mid-visit (SPEC §3 "Browser session"): the return URL
 * with `reason` added through the URL API, so its own query and fragment survive. The URL must pass
 * the same rule createSession enforces (one rule, lib/portal/return-url.ts), so a bad stored value
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
