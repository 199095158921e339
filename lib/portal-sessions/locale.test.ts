import { describe, expect, it } from "vitest";
import { canonicalLocale, closestShippedLocale, SHIPPED_LOCALES } from "@/lib/portal-sessions/locale";

describe("session locale (docs/sessions.md \"Locale, theme and intent\")", () => {
  it("canonicalises BCP 47 tags and refuses what is not one", () => {
    expect(canonicalLocale("fr-fr")).toBe("fr-FR");
    expect(canonicalLocale("EN-gb")).toBe("en-GB");
    expect(canonicalLocale("zh-hant-tw")).toBe("zh-Hant-TW");
    expect(canonicalLocale("de-DE-u-co-phonebk")).toBe("de-DE-u-co-phonebk");
    for (const bad of ["", "de_DE", "*", "x-private", "en-", "123", "abcdefghi"]) expect(canonicalLocale(bad), bad).toBeUndefined();
  });

  // The list the translations will ship; resolution must already pick among them correctly.
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
  ])("%s → %s among the languages to come", (tag, expected) => {
    expect(closestShippedLocale(tag, SHIPPED)).toBe(expected);
  });

  it("today only English ships: every tag, and none, renders English", () => {
    expect(SHIPPED_LOCALES).toEqual(["en"]);
    for (const tag of ["de", "fr-FR", "ja", "pt-BR", undefined, null]) expect(closestShippedLocale(tag)).toBe("en");
  });
});
