import { describe, expect, it } from "vitest";
import { docsExamples, envVarName, PLACEHOLDER_BASE_URL } from "./docs-examples";

describe("envVarName", () => {
  it.each([
    ["demo", "DEMO_API_KEY"],
    ["acme_live", "ACME_LIVE_API_KEY"],
    ["sk__test_", "SK_TEST_API_KEY"],
    ["My-App.v2", "MY_APP_V2_API_KEY"],
    ["2fa", "_2FA_API_KEY"],
    ["___", "API_KEY"],
    ["", "API_KEY"],
    [undefined, "API_KEY"],
  ])("%j → %s", (prefix, name) => {
    expect(envVarName(prefix)).toBe(name);
    expect(name).toMatch(/^[A-Z_][A-Z0-9_]*$/);
  });
});

describe("docsExamples", () => {
  it("uses the portal's API address and the prefix's variable", () => {
    const ex = docsExamples({ prefix: "demo", apiBaseUrl: "https://api.demo.example/v1/" });
    expect(ex.placeholder).toBe(false);
    expect(ex.shell).toBe('export DEMO_API_KEY="demo_YOUR_API_KEY"\n\ncurl https://api.demo.example/v1/ \\\n  -H "Authorization: Bearer $DEMO_API_KEY"');
    expect(ex.javascript).toContain('fetch("https://api.demo.example/v1/"');
    expect(ex.javascript).toContain("`Bearer ${process.env.DEMO_API_KEY}`");
  });

  it("falls back to a placeholder address that says what to put there", () => {
    const ex = docsExamples({});
    expect(ex.placeholder).toBe(true);
    expect(ex.baseUrl).toBe(PLACEHOLDER_BASE_URL);
    expect(ex.shell).toContain(`curl ${PLACEHOLDER_BASE_URL}/`);
    expect(ex.shell).toContain('export API_KEY="YOUR_API_KEY"');
  });
});
