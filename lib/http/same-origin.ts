import { env } from "@/lib/env";

/**
 * The same-origin signal of docs/security.md "CSRF": `Origin` equal to PUBLIC_URL's origin (and no
 * contradicting `Sec-Fetch-Site`), or, without `Origin`, `Sec-Fetch-Site: same-origin`. `Origin: null`,
 * another origin, a sibling subdomain or no signal at all is not same-origin.
 */
export function isSameOriginRequest(req: Request): boolean {
  const origin = req.headers.get("origin");
  const site = req.headers.get("sec-fetch-site");
  if (origin !== null) return origin === new URL(env().PUBLIC_URL).origin && (site === null || site === "same-origin");
  return site === "same-origin";
}
