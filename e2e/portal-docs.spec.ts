import { expect, test } from "./fixtures/portal-session";

const NOTE = [
  "## Using your key",
  "",
  "Send it on **every** request, *never* from a browser.",
  "",
  "- Keys are shown once",
  "- Lost one? Roll it",
  "  1. open Keys",
  "  2. choose *Roll*",
  "",
  "### Limits <b>raw</b>",
  "",
  "See [pricing](https://acme.example/pricing), not [this](javascript:window.__pwned=1) or ![a tracker](https://t.example/p.png).",
  "",
  "```bash",
  `curl https://api.demo.test/v1/things/with/a/rather/long/path?and=a&query=string -H "Authorization: Bearer $DEMO_API_KEY"`,
  "```",
].join("\n");

test.describe("the docs tab", () => {
  test.use({ permissions: ["clipboard-read", "clipboard-write"] });

  test("renders the note's markdown as elements, and its examples use the portal's address and a prefix-named variable", async ({ page, keyport }) => {
    const tenant = await keyport.tenant({ prefix: "demo", portal: { displayName: "Demo Co API keys", apiBaseUrl: "https://api.demo.test/v1", docsMarkdown: NOTE } });
    await page.goto((await tenant.createSession({ externalId: "user_docs" })).url);
    await page.getByRole("link", { name: "Docs" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Using your API key" })).toBeVisible();

    // The generated examples: the portal's apiBaseUrl and DEMO_API_KEY (from the prefix, not the display name).
    await expect(page.getByTestId("env-var")).toHaveText("DEMO_API_KEY");
    const shell = page.locator("pre").first();
    await expect(shell).toContainText('export DEMO_API_KEY="demo_YOUR_API_KEY"');
    await expect(shell).toContainText("curl https://api.demo.test/v1/");
    await expect(shell).toContainText('-H "Authorization: Bearer $DEMO_API_KEY"');
    await expect(page.locator("pre").nth(1)).toContainText("process.env.DEMO_API_KEY");
    await expect(page.getByText("DEMO_CO_API_KEYS")).toHaveCount(0);
    await expect(page.getByTestId("base-url-placeholder")).toHaveCount(0);

    // The note: headings under the "Notes from …" section, lists, emphasis, a safe link only.
    const note = page.getByTestId("docs-note");
    await expect(note.getByRole("heading", { level: 3, name: "Using your key" })).toBeVisible();
    await expect(note.getByRole("heading", { level: 4 })).toHaveText("Limits <b>raw</b>");
    await expect(note.getByText("## Using your key")).toHaveCount(0);
    await expect(note.locator("ul > li")).toHaveCount(2);
    await expect(note.locator("ul > li ol > li")).toHaveText(["open Keys", "choose Roll"]);
    await expect(note.locator("strong")).toHaveText("every");
    await expect(note.locator("em").first()).toHaveText("never");
    await expect(note.getByRole("link")).toHaveCount(1);
    const link = note.getByRole("link", { name: "pricing" });
    await expect(link).toHaveAttribute("href", "https://acme.example/pricing");
    await expect(link).toHaveAttribute("rel", "noopener noreferrer nofollow");
    await expect(link).toHaveAttribute("target", "_blank");
    await expect(note).toContainText("not this or a tracker.");
    await expect(note.locator("img, b, script")).toHaveCount(0);

    // Copy buttons: a click copies the block exactly and says so; the keyboard works too.
    await page.getByRole("button", { name: "Copy curl example" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Copied" })).toHaveCount(1);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('export DEMO_API_KEY="demo_YOUR_API_KEY"\n\ncurl https://api.demo.test/v1/ \\\n  -H "Authorization: Bearer $DEMO_API_KEY"');
    const copyCode = note.getByRole("button", { name: "Copy bash code" });
    await copyCode.focus();
    await page.keyboard.press("Enter");
    await expect(note.getByRole("button", { name: "Copied bash code" })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain("/rather/long/path?and=a&query=string");
    await expect(note.getByText("bash", { exact: true })).toBeVisible();
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  test("on a phone, a long code line scrolls inside its block, not the page", async ({ page, keyport }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const tenant = await keyport.tenant({ prefix: "demo", portal: { apiBaseUrl: "https://api.demo.test/v1", docsMarkdown: NOTE } });
    await page.goto((await tenant.createSession({ externalId: "user_docs_phone" })).url);
    await page.getByRole("link", { name: "Docs" }).click();
    await page.waitForLoadState("load");
    const code = page.getByTestId("docs-note").locator("pre");
    await expect(code).toHaveCSS("overflow-x", "auto");
    expect(await code.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    const copy = page.getByTestId("docs-note").getByRole("button", { name: "Copy bash code" });
    await copy.scrollIntoViewIfNeeded();
    await expect(copy).toBeInViewport({ ratio: 1 });
  });

  test("without an apiBaseUrl, the examples say what to replace", async ({ page, keyport }) => {
    const tenant = await keyport.tenant({ prefix: "acme" });
    await page.goto((await tenant.createSession({ externalId: "user_docs_bare" })).url);
    await page.getByRole("link", { name: "Docs" }).click();
    await expect(page.getByTestId("base-url-placeholder")).toContainText("https://YOUR_API_HOST stands for");
    await expect(page.locator("pre").first()).toContainText("curl https://YOUR_API_HOST/");
    await expect(page.locator("pre").first()).toContainText("$ACME_API_KEY");
  });
});
