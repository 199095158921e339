import type { ClientI18n, I18n } from "@/lib/i18n/catalogue";

/**
 * The provider's value for the browser: the language and its client messages only. Type imports
 * only, so the portal shell can call it while the console's preview (a client component) renders
 * that shell (lib/i18n/client-bundle.test.ts).
 */
export function clientI18n(i18n: I18n): ClientI18n {
  return { locale: i18n.locale, m: i18n.m.client };
}
