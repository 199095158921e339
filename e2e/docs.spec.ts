import { expect, test } from "@playwright/test";

test("the home page says what this server is and links to the docs", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Keyport");
  await expect(page.locator("pre").first()).toContainText("/v2/portal.createSession");
  await expect(page.getByRole("link", { name: "Error reference" })).toHaveAttribute("href", "/docs/errors");
});

test("the error index lists codes by category and opens a code page", async ({ page }) => {
  await page.goto("/docs/errors");
  await expect(page.getByRole("heading", { level: 1, name: "Error reference" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "Authentication" }).first()).toBeVisible();
  await page.getByRole("link", { name: "portal_config_not_found" }).click();
  await expect(page).toHaveURL(/\/docs\/errors\/unkey\/data\/portal_config_not_found$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("portal_config_not_found");
  await expect(page.getByRole("heading", { name: "How to fix it" })).toBeVisible();
  // Examples name this very server, not a placeholder.
  const base = new URL(page.url()).origin;
  await expect(page.locator("pre").first()).toContainText(`curl -X POST ${base}/v2/portal.createSession`);
});

test("an error response's type URL is a page this server serves", async ({ page, request }) => {
  const res = await request.post("/v2/apis.createApi", { data: { name: "x" } });
  expect(res.status()).toBe(401);
  const type = (await res.json()).error.type as string;
  const page404 = await page.goto(type);
  expect(page404?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("missing");
});

test("an unknown code is a 404 page, and pages fit a 375 px screen", async ({ page }) => {
  const res = await page.goto("/docs/errors/unkey/data/no_such_code");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Unknown error code");
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto("/docs/errors/unkey/authentication/portal_token_missing");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("/openapi.json is served", async ({ request }) => {
  const res = await request.get("/openapi.json");
  expect(res.status()).toBe(200);
  expect((await res.json()).openapi).toBe("3.1.0");
});
