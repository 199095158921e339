import { describe, expect, it } from "vitest";
import { isValidColour, isValidLogoUrl, isValidReturnUrl } from "@/lib/portal-configs/rules";
import { isValidSlug, slugSchema } from "@/lib/workspaces/slug";

describe("slug rules (docs/api.md, Concepts)", () => {
  it.each([
    ["abc", true],
    ["my-portal", true],
    ["a1-b2-c3", true],
    ["123", true],
    ["a".repeat(64), true],
    ["a-b", true],
    ["ab", false], // too short
    ["a".repeat(65), false], // too long
    ["-abc", false], // leading hyphen
    ["abc-", false], // trailing hyphen
    ["My-Portal", false], // uppercase
    ["my_portal", false], // underscore
    ["my.portal", false],
    ["my portal", false],
    ["mý-portal", false], // non-ASCII
    ["", false],
    ["abc\n", false],
    ["a--b", false], // consecutive hyphens (Unkey forbids them)
    ["my--portal", false],
    ["a-b-c", true],
  ])("%j → %s", (slug, ok) => {
    expect(isValidSlug(slug)).toBe(ok);
  });

  it("the error message states the rule", () => {
    const r = slugSchema.safeParse("Bad_Slug");
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/3–64 characters.*lowercase.*hyphens.*start or end/);
  });
});

describe("branding rules", () => {
  it.each([
    ["#fff", true],
    ["#4F46E5", true],
    ["#12345", false],
    ["red", false],
    ["red;}", false],
    ["#fff;background:red", false],
    ["#ggg", false],
    ["#ffff", false],
  ])("colour %j → %s", (v, ok) => expect(isValidColour(v)).toBe(ok));

  it.each([
    ["https://cdn.example.com/logo.png", true],
    ["http://localhost:3000/logo.svg", true],
    ["http://127.0.0.1/logo.svg", true],
    ["http://example.com/logo.png", false],
    ["javascript:alert(1)", false],
    ["data:image/png;base64,AAAA", false],
    ['https://x.example/a.png" onerror="x', false],
    ["https://x.example/a.png'", false],
    ["https://x.example/<b>.png", false],
    ["https://x.example/a b.png", false],
    ["https://x.example/a\\b.png", false],
    ["https://x.example/url(x)", false],
    ["//x.example/logo.png", false],
    ["https://x.example/" + "a".repeat(490), false],
  ])("logo URL %j → %s", (v, ok) => expect(isValidLogoUrl(v)).toBe(ok));

  it.each([
    ["https://app.example.com/settings?tab=keys", true],
    ["http://localhost:5173/back", true],
    ["http://[::1]:8080/", true],
    ["http://app.example.com/", false],
    ["ftp://app.example.com/", false],
    ["/settings", false],
    ["https://app.example.com/\r\nx", false],
    ["https://", false],
  ])("return URL %j → %s", (v, ok) => expect(isValidReturnUrl(v)).toBe(ok));
});
