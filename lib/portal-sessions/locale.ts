/**
 * A session's `locale` (docs/sessions.md "Locale, theme and intent"): any BCP 47 tag is accepted and
 * stored in its canonical form; the portal renders in the closest language it ships, else English.
 * Pure, so pages and tests use it alike.
 */

/**
 * The languages the portal's text exists in, one catalogue each in lib/i18n/messages/ (docs/sessions.md
 * "Languages"). The first is the fallback.
 */
export const SHIPPED_LOCALES = ["en", "de", "fr", "es", "ja"] as const;
export type ShippedLocale = (typeof SHIPPED_LOCALES)[number];
export const DEFAULT_LOCALE: ShippedLocale = SHIPPED_LOCALES[0];

/** `fr-fr` → `fr-FR`; undefined for anything that is not a well-formed BCP 47 tag. */
export function canonicalLocale(tag: string): string | undefined {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    return canonical;
  } catch {
    return undefined;
  }
}

/**
 * The shipped language closest to `tag`, by RFC 4647 lookup (drop subtags from the end until one is
 * shipped: `de-CH` → `de`, `zh-Hant-TW` → `zh-Hant` → `zh`), then any shipped variant of the same
 * language (`pt` → `pt-BR`), else the first shipped language.
 */
export function closestShippedLocale(tag: string | null | undefined, shipped: readonly string[] = SHIPPED_LOCALES): string {
  const fallback = shipped[0] ?? "en";
  const canonical = tag ? canonicalLocale(tag) : undefined;
  if (!canonical) return fallback;
  const byLower = new Map(shipped.map((s) => [s.toLowerCase(), s]));
  // Extensions (-u-…) and private use (-x-…) say how to format, not which language: lookup ignores them.
  const subtags = (canonical.split(/-[0-9a-z]-/i)[0] as string).split("-");
  for (let n = subtags.length; n > 0; n--) {
    const hit = byLower.get(subtags.slice(0, n).join("-").toLowerCase());
    if (hit) return hit;
  }
  const language = (subtags[0] as string).toLowerCase();
  return shipped.find((s) => s.toLowerCase().split("-")[0] === language) ?? fallback;
}

/** closestShippedLocale among the languages this build ships, typed as one of them. */
export function shippedLocale(tag: string | null | undefined): ShippedLocale {
  return closestShippedLocale(tag) as ShippedLocale;
}

/** How a bare shipped language formats dates and numbers when the tag names no region: English as in en-GB (`26 Nov`, 24-hour clock). */
const BARE_FORMAT: Partial<Record<ShippedLocale, string>> = { en: "en-GB" };

/**
 * The locale dates and numbers are formatted in (with `Intl`): the session's own tag when it is a
 * variant of the language shown (`de-AT`, `fr-CA`, `en-US`, `ja-JP-u-ca-japanese`), so its region's
 * conventions apply; the shown language itself otherwise. A tag that fell back to English (`pt-BR`)
 * formats as English, never as a language the text is not in.
 */
export function formatLocale(tag: string | null | undefined, shown: ShippedLocale): string {
  const canonical = tag ? canonicalLocale(tag) : undefined;
  // Private use (-x-…) means nothing to Intl.
  const usable = canonical?.split(/-x-/i)[0];
  if (usable && usable.toLowerCase() !== shown && usable.split("-")[0]?.toLowerCase() === shown) return usable;
  return BARE_FORMAT[shown] ?? shown;
}
