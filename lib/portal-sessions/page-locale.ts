import "server-only";
import { headers } from "next/headers";
import { documentLanguageSource, REQUEST_TARGET_HEADER } from "@/lib/http/request-target";
import { DEFAULT_LOCALE, type ShippedLocale, shippedLocale } from "@/lib/portal-sessions/locale";
import { findPortalSession } from "@/lib/portal-sessions/page-session";

/**
 * The language of the document being rendered, for the root layout's `<html lang>`: a signed-in
 * tab's session locale (the same lookup its layout makes, so no second database trip), the `lang` of
 * an "ended" page, English for everything else (docs/sessions.md "Languages").
 */
export async function documentLocale(): Promise<ShippedLocale> {
  const source = documentLanguageSource((await headers()).get(REQUEST_TARGET_HEADER));
  if (!source) return DEFAULT_LOCALE;
  if (source.kind === "ended") return shippedLocale(source.lang);
  const found = await findPortalSession(source.portalId);
  return "session" in found ? shippedLocale(found.session.locale) : DEFAULT_LOCALE;
}
