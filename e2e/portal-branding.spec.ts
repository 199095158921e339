import { expect, test } from "./fixtures/portal-session";
import { shot } from "./fixtures/screenshots";

test("branding, the docs note and every user-supplied string render as text, never as markup", async ({ page, keyport }) => {
  const tenant = await keyport.tenant({
    prefix: "acme",
    portal: {
      displayName: "Acme <b>Cloud</b>",
      primaryColor: "#b91c1c",
      apiBaseUrl: "https://api.acme.test/v1",
      docsMarkdown: [
        "Call the API with `Authorization: Bearer <key>`. <script>window.__pwned = 1</script>",
        "",
        "[safe link](https://docs.acme.test/start) and [evil link](javascript:window.__pwned=2)",
        "",
        "```bash",
        "curl -H 'Authorization: Bearer acme_…' https://api.acme.test/v1/things",
        "```",
      ].join("\n"),
    },
  });
  await tenant.createKey({ externalId: "<img src=x onerror=window.__pwned=3>", name: "<svg onload=window.__pwned=4>" });
  await page.goto((await tenant.createSession({ externalId: "<img src=x onerror=window.__pwned=3>" })).url);

  await expect(page.getByTestId("signed-in-as")).toHaveText("<img src=x onerror=window.__pwned=3>");
  await expect(page.getByRole("cell", { name: "<svg onload=window.__pwned=4>", exact: true })).toBeVisible();
  await expect(page.getByText("Acme <b>Cloud</b>").first()).toBeVisible();
  // The brand colour reaches the primary button through a CSS variable.
  await expect(page.getByRole("button", { name: "Create key" })).toHaveCSS("background-color", "rgb(185, 28, 28)");

  await page.getByRole("link", { name: "Docs" }).click();
  const note = page.getByTestId("docs-note");
  await expect(note).toContainText("<script>window.__pwned = 1</script>");
  await expect(note.getByRole("link", { name: "safe link" })).toHaveAttribute("href", "https://docs.acme.test/start");
  await expect(note.getByRole("link", { name: "evil link" })).toHaveCount(0);
  await expect(note.locator("pre code")).toContainText("curl -H 'Authorization: Bearer acme_…'");
  await expect(page.locator("pre").first()).toContainText("https://api.acme.test/v1");
  await expect(page.locator("pre").first()).toContainText("acme_YOUR_API_KEY");
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  await shot(page, "docs");
});

test("a preview session shows the banner and cannot change anything", async ({ page, keyport }) => {
  const tenant = await keyport.tenant();
  await tenant.createKey({ externalId: "user_preview", name: "Existing" });
  await page.goto((await tenant.createSession({ externalId: "user_preview", preview: true })).url);
  await expect(page.getByRole("note")).toContainText("Preview");
  await expect(page.getByRole("button", { name: "Create key" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Actions for Existing" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Actions for Existing" })).toHaveAttribute("title", /Preview session/);
  const refused = await page.evaluate(async (portalId) => {
    const res = await fetch("/v2/portal.createKey", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Keyport-Portal": portalId },
      body: JSON.stringify({ name: "x" }),
    });
    return { status: res.status, type: ((await res.json()) as { error?: { type?: string } }).error?.type };
  }, tenant.portalId);
  expect(refused.status).toBe(403);
  expect(refused.type).toContain("/unkey/authorization/forbidden");
  await shot(page, "preview");
});

test.describe("dark mode", () => {
  test.use({ colorScheme: "dark" });
  test("follows prefers-color-scheme", async ({ page, keyport }) => {
    const tenant = await keyport.tenant();
    await tenant.createKey({ externalId: "user_dark", name: "Night shift" });
    await page.goto((await tenant.createSession({ externalId: "user_dark" })).url);
    await expect(page.getByTestId("signed-in-as")).toHaveText("user_dark");
    await expect(page.locator("body")).toHaveCSS("background-color", "rgb(11, 15, 23)");
    await shot(page, "keys-dark");
  });
});

test("portal pages are never cached, framed or leaked in a Referer", async ({ page, keyport }) => {
  const tenant = await keyport.tenant();
  await page.goto((await tenant.createSession({ externalId: "user_headers" })).url);
  await expect(page.getByTestId("signed-in-as")).toHaveText("user_headers");
  for (const path of ["keys", "analytics", "docs", "ended?reason=signed_out"]) {
    const res = await page.request.get(`/portal/${tenant.portalId}/${path}`);
    expect(res.status(), path).toBe(200);
    const h = res.headers();
    expect(h["cache-control"], path).toContain("no-store");
    expect(h["referrer-policy"], path).toBe("no-referrer");
    expect(h["x-content-type-options"], path).toBe("nosniff");
    expect(h["content-security-policy"], path).toContain("frame-ancestors 'none'");
  }
});
