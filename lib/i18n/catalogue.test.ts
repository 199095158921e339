import { describe, expect, it } from "vitest";
import { apiErrorMessage } from "@/lib/i18n/api-error-message";
import { CATALOGUES, i18nFor } from "@/lib/i18n/catalogue";
import { clientI18n } from "@/lib/i18n/client-i18n";
import { en, type Messages } from "@/lib/i18n/messages/en";
import { placeholders } from "@/lib/i18n/translate";
import { SHIPPED_LOCALES } from "@/lib/portal-sessions/locale";

type Leaf = string | Record<string, string>;

/** Every message of a catalogue by its dotted path; plural forms are one leaf (an object of strings). */
function leaves(node: unknown, path = ""): Map<string, Leaf> {
  const out = new Map<string, Leaf>();
  if (typeof node === "string") return out.set(path, node);
  const entries = Object.entries(node as Record<string, unknown>);
  const isPlural = entries.length > 0 && entries.every(([k, v]) => typeof v === "string" && ["zero", "one", "two", "few", "many", "other"].includes(k));
  if (isPlural && path.length > 0 && Object.hasOwn(node as object, "other")) return out.set(path, node as Record<string, string>);
  for (const [k, v] of entries) for (const [p, leaf] of leaves(v, path ? `${path}.${k}` : k)) out.set(p, leaf);
  return out;
}

const english = leaves(en);

describe("the message catalogues (docs/sessions.md \"Languages\")", () => {
  it("ship one catalogue per shipped language", () => {
    expect(Object.keys(CATALOGUES).sort()).toEqual([...SHIPPED_LOCALES].sort());
    expect(SHIPPED_LOCALES).toEqual(["en", "de", "fr", "es", "ja"]);
  });

  it("is a type error to leave out a string or add one", () => {
    const keysWithoutTitle: Omit<Messages["keys"], "title"> = { ...en.keys };
    delete (keysWithoutTitle as Partial<Messages["keys"]>).title;
    // @ts-expect-error keys.title is missing
    const missing: Messages = { ...en, keys: keysWithoutTitle };
    // @ts-expect-error a plural needs its `other` form
    const noOther: Messages = { ...en, keys: { ...en.keys, credits: { one: "{count} credit" } } };
    // @ts-expect-error a key English does not have
    const extra: Messages = { ...en, shell: { ...en.shell, banner: "x" } };
    expect([missing, noOther, extra]).toHaveLength(3);
  });

  it.each(SHIPPED_LOCALES.filter((l) => l !== "en"))("%s has every string English has, and no other", (locale) => {
    const theirs = leaves(CATALOGUES[locale]);
    expect([...theirs.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [path, leaf] of theirs) {
      const forms = typeof leaf === "string" ? [leaf] : Object.values(leaf);
      for (const form of forms) expect(form.trim(), `${locale} ${path}`).not.toBe("");
    }
  });

  it.each(SHIPPED_LOCALES.filter((l) => l !== "en"))("%s uses the same placeholders as English in every string", (locale) => {
    const theirs = leaves(CATALOGUES[locale]);
    for (const [path, mine] of english) {
      const want = placeholders(typeof mine === "string" ? mine : (mine.other ?? ""));
      const leaf = theirs.get(path) as Leaf;
      const forms = typeof leaf === "string" ? [leaf] : Object.values(leaf);
      for (const form of forms) expect(placeholders(form), `${locale} ${path}: ${form}`).toEqual(want);
    }
  });

  it.each(SHIPPED_LOCALES.filter((l) => l !== "en"))("%s is translated, not English left in place", (locale) => {
    const theirs = leaves(CATALOGUES[locale]);
    const same = [...english].filter(([path, leaf]) => JSON.stringify(theirs.get(path)) === JSON.stringify(leaf)).map(([path]) => path);
    // Words that are the same in both (Name, Status, API, Details, …) are few; a forgotten section is not.
    expect(same.length, same.join(", ")).toBeLessThan(english.size * 0.05);
  });

  it("plural messages have a form for every category a count falls in (many may fall back to other)", () => {
    for (const locale of SHIPPED_LOCALES) {
      const credits = CATALOGUES[locale].keys.credits as Record<string, string | undefined>;
      const rules = new Intl.PluralRules(locale);
      for (const n of [0, 1, 2, 3, 5, 11, 21, 101, 1_000_000]) {
        const category = rules.select(n);
        if (category !== "many") expect(credits[category], `${locale}: ${n} is "${category}"`).toBeDefined();
      }
    }
  });
});

describe("choosing a language for a session", () => {
  it.each([
    [undefined, "en", "en-GB"],
    [null, "en", "en-GB"],
    ["pt-BR", "en", "en-GB"],
    ["nl", "en", "en-GB"],
    ["en-US", "en", "en-US"],
    ["de", "de", "de"],
    ["de-AT", "de", "de-AT"],
    ["fr-CA", "fr", "fr-CA"],
    ["ja-JP", "ja", "ja-JP"],
    ["es-419", "es", "es-419"],
    ["ja-JP-u-ca-japanese", "ja", "ja-JP-u-ca-japanese"],
    ["de-x-internal", "de", "de"],
  ])("%s → text in %s, dates and numbers as %s", (tag, locale, format) => {
    const i18n = i18nFor(tag);
    expect(i18n.locale).toBe(locale);
    expect(i18n.formatLocale).toBe(format);
    expect(i18n.m).toBe(CATALOGUES[locale as keyof typeof CATALOGUES]);
  });

  it("hands the browser the language's client messages only", () => {
    const client = clientI18n(i18nFor("ja"));
    expect(client).toEqual({ locale: "ja", m: CATALOGUES.ja.client });
    expect(JSON.stringify(client)).not.toContain(CATALOGUES.ja.keys.lead);
  });
});

describe("a refused portal call, in the session's language", () => {
  const type = (code: string) => `http://localhost:3000/docs/errors/${code}`;
  it("shows the API's own English detail to an English portal", () => {
    expect(apiErrorMessage("en", en.client.errors, { status: 429, type: type("unkey/limits/key_limit_exceeded"), detail: "You already have 3 active keys." })).toBe("You already have 3 active keys.");
    expect(apiErrorMessage("en", en.client.errors, { status: 502 })).toBe("Something went wrong (502).");
  });

  it("explains known errors by their code in another language, never in English", () => {
    const de = CATALOGUES.de.client.errors;
    expect(apiErrorMessage("de", de, { status: 403, type: type("unkey/limits/key_limit_exceeded"), detail: "You already have 3 active keys." })).toBe(de.keyLimit);
    expect(apiErrorMessage("de", de, { status: 404, type: type("unkey/data/key_not_found"), detail: "x" })).toBe(de.keyNotFound);
    expect(apiErrorMessage("ja", CATALOGUES.ja.client.errors, { status: 429, detail: "Too many" })).toBe(CATALOGUES.ja.client.errors.tooMany);
    expect(apiErrorMessage("fr", CATALOGUES.fr.client.errors, { status: 500, type: type("unkey/application/unexpected_error"), detail: "Internal" })).toBe("Une erreur s’est produite (500).");
  });
});
