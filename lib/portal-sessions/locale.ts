/**
 * A session's `locale` (docs/sessions.md "Locale, theme and intent"): any BCP 47 tag is accepted and
 * stored in its canonical form; the portal renders in the closest language it ships, else English.
 * Pure, so pages and tests use it alike.
 */

/** The languages the portal's text exists in. The first is the fallback. */
export const SHIPPED_LOCALES = ["en"] as const;

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
