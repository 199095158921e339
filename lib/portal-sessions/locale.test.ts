import { describe, expect, it } from "vitest";
import { canonicalLocale, closestShippedLocale, formatLocale, SHIPPED_LOCALES, shippedLocale } from "@/lib/portal-sessions/locale";

describe("session locale (docs/sessions.md \"Locale, theme and intent\")", () => {
  it("canonicalises BCP 47 tags and refuses what is not one", () => {
    expect(canonicalLocale("fr-fr")).toBe("fr-FR");
    expect(canonicalLocale("EN-gb")).toBe("en-GB");
    expect(canonicalLocale("zh-hant-tw")).toBe("zh-Hant-TW");
    expect(canonicalLocale("de-DE-u-co-phonebk")).toBe("de-DE-u-co-phonebk");
    for (const bad of ["", "de_DE", "*", "x-private", "en-", "123", "abcdefghi"]) expect(canonicalLocale(bad), bad).toBeUndefined();
  });

  // The languages that ship, plus a regional one, so lookup among variants is exercised too.
  const SHIPPED = ["en", "de", "fr", "es", "ja", "pt-BR"];

  it.each([
    ["de", "de"],
    ["de-CH", "de"],
    ["DE-at", "de"],
    ["fr-FR", "fr"],
    ["fr-CA-u-ca-gregory", "fr"],
    ["ja", "ja"],
    ["ja-JP", "ja"],
    ["pt-BR", "pt-BR"],
    ["pt", "pt-BR"],
    ["pt-PT", "pt-BR"],
    ["es-419", "es"],
    ["en-GB", "en"],
    ["nl", "en"],
    ["zh-Hant-TW", "en"],
    ["not a tag", "en"],
  ])("%s → %s among shipped languages with a regional one", (tag, expected) => {
    expect(closestShippedLocale(tag, SHIPPED)).toBe(expected);
  });

  it("English, German, French, Spanish and Japanese ship; anything else, and none, renders English", () => {
    expect(SHIPPED_LOCALES).toEqual(["en", "de", "fr", "es", "ja"]);
    const cases: [string | null | undefined, string][] = [
      ["de", "de"],
      ["de-AT", "de"],
      ["fr-CA", "fr"],
      ["fr-FR", "fr"],
      ["ja-JP", "ja"],
      ["es-419", "es"],
      ["es-MX", "es"],
      ["en-GB", "en"],
      ["pt-BR", "en"],
      ["zh-Hant-TW", "en"],
      ["de_DE", "en"],
      [undefined, "en"],
      [null, "en"],
      ["", "en"],
    ];
    for (const [tag, expected] of cases) {
      expect(closestShippedLocale(tag), String(tag)).toBe(expected);
      expect(shippedLocale(tag), String(tag)).toBe(expected);
    }
  });

  it("formats dates and numbers as the session's own variant of the language shown, else as that language", () => {
    expect(formatLocale("de-AT", "de")).toBe("de-AT");
    expect(formatLocale("en-US", "en")).toBe("en-US");
    expect(formatLocale("en", "en")).toBe("en-GB");
    expect(formatLocale(undefined, "en")).toBe("en-GB");
    expect(formatLocale("ja", "ja")).toBe("ja");
    // A tag that fell back to English formats as English, not as Brazilian Portuguese.
    expect(formatLocale("pt-BR", "en")).toBe("en-GB");
    expect(formatLocale("fr-CA-x-acme", "fr")).toBe("fr-CA");
  });
});
