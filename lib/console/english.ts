import { type I18n, i18nFor } from "@/lib/i18n/catalogue";

/**
 * The console speaks English (docs/console.md): the English catalogue, for the labels it shares with
 * the portal (ranges, outcomes, limits, relative times) and the portal components it renders. Server
 * code only; the formatting locale alone is in ./locale.ts, which client components may import.
 */
export const CONSOLE_I18N: I18n = i18nFor("en");
