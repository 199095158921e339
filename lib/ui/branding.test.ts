import { describe, expect, it } from "vitest";
import { brandStyle, luminance, readableOn, sanitizeColor, sanitizeLogoUrl } from "./branding";

describe("sanitizeColor", () => {
  it.each([
    ["#abc", "#abc"],
    ["#A1B2C3", "#a1b2c3"],
    [" #123456 ", "#123456"],
  ])("keeps %s", (input, out) => expect(sanitizeColor(input)).toBe(out));

  it.each(["red", "#abcd", "#12345g", "rgb(1,2,3)", "#fff;}body{display:none", "var(--x)", "", null, undefined, "#1234567"])(
    "drops %s",
    (input) => expect(sanitizeColor(input)).toBeUndefined(),
  );
});

describe("sanitizeLogoUrl", () => {
  it.each([
    ["https://cdn.example.com/logo.svg", "https://cdn.example.com/logo.svg"],
    ["http://localhost:3000/logo.png", "http://localhost:3000/logo.png"],
    ["http://127.0.0.1/logo.png", "http://127.0.0.1/logo.png"],
  ])("keeps %s", (input, out) => expect(sanitizeLogoUrl(input)).toBe(out));

  it.each([
    "javascript:alert(1)",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "http://evil.example/logo.png",
    "//evil.example/logo.png",
    "/logo.png",
    "https://user:pass@example.com/x.png",
    "http://localhost.evil.example/x.png",
    `https://example.com/${"a".repeat(3000)}`,
  ])("drops %s", (input) => expect(sanitizeLogoUrl(input)).toBeUndefined());
});

describe("brand colour", () => {
  it("picks a readable foreground", () => {
    expect(readableOn("#000000")).toBe("#ffffff");
    expect(readableOn("#ffff00")).toBe("#111827");
    expect(readableOn("#4f46e5")).toBe("#ffffff");
  });
  it("reaches WCAG AA (4.5:1) on every brand colour, mid-tones included", () => {
    // #ff0000: white 4.00:1 and #111827 4.12:1 both fail; black gives 5.25:1.
    expect(readableOn("#ff0000")).toBe("#000000");
    const ratio = (a: string, b: string) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
      return (hi + 0.05) / (lo + 0.05);
    };
    for (let v = 0; v < 4096; v += 7) {
      const hex = `#${v.toString(16).padStart(3, "0")}`;
      expect(ratio(hex, readableOn(hex)), hex).toBeGreaterThanOrEqual(4.5);
    }
  });
  it("emits CSS variables only for a valid colour", () => {
    expect(brandStyle("#0a7")).toEqual({ "--brand": "#0a7", "--brand-fg": "#111827" });
    expect(brandStyle("#1d4ed8")).toEqual({ "--brand": "#1d4ed8", "--brand-fg": "#ffffff" });
    expect(brandStyle("red")).toEqual({});
  });
});
