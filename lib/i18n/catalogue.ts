import { de } from "@/lib/i18n/messages/de";
import { type ClientMessages, en, type Messages } from "@/lib/i18n/messages/en";
import { es } from "@/lib/i18n/messages/es";
import { fr } from "@/lib/i18n/messages/fr";
import { ja } from "@/lib/i18n/messages/ja";
import { formatLocale, type ShippedLocale, shippedLocale } from "@/lib/portal-sessions/locale";

/**
 * Every shipped language's messages (docs/sessions.md "Languages"). Server code only: a client
 * component gets the active language's `client` messages through the I18nProvider, so the browser
 * never downloads the other languages (lib/i18n/client-bundle.test.ts checks the imports).
 * A language in SHIPPED_LOCALES without a catalogue here is a type error.
 */
export const CATALOGUES: Record<ShippedLocale, Messages> = { en, de, fr, es, ja };

/** What a page needs to speak the session's language: the language shown, the locale dates and numbers use, and the messages. */
export type I18n = { locale: ShippedLocale; formatLocale: string; m: Messages };

/** What the browser's components get (the provider's value): the language and its client messages. */
export type ClientI18n = { locale: ShippedLocale; m: ClientMessages };

/** The closest shipped language to a BCP 47 tag (a session's `locale`), English for none or an unshipped one. */
export function i18nFor(tag: string | null | undefined): I18n {
  const locale = shippedLocale(tag);
  return { locale, formatLocale: formatLocale(tag, locale), m: CATALOGUES[locale] };
}
