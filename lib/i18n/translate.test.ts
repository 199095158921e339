import { describe, expect, it } from "vitest";
import { fill, interpolate, placeholders, plural, pluralize } from "@/lib/i18n/translate";

describe("message helpers (docs/sessions.md \"Languages\")", () => {
  it("fills placeholders, leaving unknown ones visible", () => {
    expect(fill("Back to {app}", { app: "Acme" })).toBe("Back to Acme");
    expect(fill("{app} an {app}", { app: "A" })).toBe("A an A");
    expect(fill("Hello {name}", {})).toBe("Hello {name}");
    expect(fill("no placeholders")).toBe("no placeholders");
    // A value is text, never a template: braces in it stay as they are.
    expect(fill("Signed in as {user}", { user: "{app}" })).toBe("Signed in as {app}");
  });

  it("interpolates values that are not strings, in order, for React to render", () => {
    const strong = { tag: "strong" };
    expect(interpolate("Signed in as {user}.", { user: strong })).toEqual(["Signed in as ", strong, "."]);
    expect(interpolate("{user} としてサインイン中", { user: strong })).toEqual([strong, " としてサインイン中"]);
    expect(interpolate("{a}{b}", { a: 1, b: 2 })).toEqual([1, 2]);
  });

  it("picks plural forms by Intl.PluralRules, falling back to other", () => {
    const credits = plural({ one: "{count} credit", other: "{count} credits" });
    expect([0, 1, 2].map((n) => pluralize("en", credits, n))).toEqual(["0 credits", "1 credit", "2 credits"]);
    // French: 0 and 1 are singular; a million takes "de".
    const fr = plural({ one: "{count} crédit", many: "{count} de crédits", other: "{count} crédits" });
    expect([0, 1, 2, 1_000_000].map((n) => pluralize("fr", fr, n))).toEqual(["0 crédit", "1 crédit", "2 crédits", "1000000 de crédits"]);
    // Japanese has one form; a missing category falls back to other.
    expect(pluralize("ja", plural({ other: "{count} クレジット" }), 1)).toBe("1 クレジット");
    expect(pluralize("fr", plural({ other: "{count} x" }), 1)).toBe("1 x");
    // The number can arrive formatted.
    expect(pluralize("de", plural({ one: "{count} Credit", other: "{count} Credits" }), 1500, { count: "1.500" })).toBe("1.500 Credits");
  });

  it("lists a template's placeholders", () => {
    expect(placeholders("{b} and {a} and {b}")).toEqual(["a", "b"]);
    expect(placeholders("none")).toEqual([]);
  });
});
