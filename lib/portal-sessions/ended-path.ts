import { DEFAULT_LOCALE, shippedLocale } from "@/lib/portal-sessions/locale";

/**
 * The "ended" page of a portal for a reason (`signed_out`, `session_expired`, …). It has no session to
 * read a language from, so the language of the session that ended travels as `lang` when it is not
 * English (docs/sessions.md "Languages"); `lang` only chooses the words of that page.
 */
export function endedPath(portalId: string, reason: string, locale?: string | null): string {
  const lang = shippedLocale(locale);
  const path = `/portal/${encodeURIComponent(portalId)}/ended?reason=${encodeURIComponent(reason)}`;
  return lang === DEFAULT_LOCALE ? path : `${path}&lang=${lang}`;
}
