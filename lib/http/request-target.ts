import { PORTAL_ID } from "@/lib/portal-sessions/portal-id";

/**
 * The request's target (path and query) as bin/server.mjs received it, passed to Next.js in this
 * internal header (a client-sent copy is removed first). Next.js gives a root layout no path, and
 * `<html lang>` must be right in the first bytes of a portal page: the root layout reads the target
 * to learn whose language the document is in (lib/portal-sessions/page-locale.ts).
 */
export const REQUEST_TARGET_HEADER = "x-keyport-request-target";

/** The signed-in tabs, one folder each under app/portal/[portalId]/(signed-in)/ (request-target.test.ts keeps them in step). */
export const SIGNED_IN_TABS = ["keys", "analytics", "docs"] as const;

const PORTAL_PAGE = /^\/portal\/([^/?#]+)\/([^/?#]+)\/?$/;

/** Whose language a document is in: a signed-in tab's session, the `lang` of an "ended" page, or neither (English). */
export type DocumentLanguageSource = { kind: "session"; portalId: string } | { kind: "ended"; lang: string | undefined } | undefined;

export function documentLanguageSource(target: string | null | undefined): DocumentLanguageSource {
  if (!target || target.length > 4096) return undefined;
  let url: URL;
  try {
    url = new URL(target, "http://keyport.invalid");
  } catch {
    return undefined;
  }
  const match = PORTAL_PAGE.exec(url.pathname);
  if (!match || !PORTAL_ID.test(match[1] as string)) return undefined;
  const [, portalId, page] = match as unknown as [string, string, string];
  if (page === "ended") return { kind: "ended", lang: url.searchParams.get("lang") ?? undefined };
  if ((SIGNED_IN_TABS as readonly string[]).includes(page)) return { kind: "session", portalId };
  return undefined;
}
