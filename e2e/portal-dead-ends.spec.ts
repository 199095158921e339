import type { Page } from "@playwright/test";
import { expect, KeyportClient, test } from "./fixtures/portal-session";
import { shot } from "./fixtures/screenshots";

/**
 * The ends of a visit and the wrong turns: every page a user can land on without a session says what
 * happened and what to do next, in the portal's own card (Keyport's colours when the portal is not
 * known), never Next.js's default 404 or a plain-text "Not found".
 */
const NEXT_DEFAULT_404 = "This page could not be found";

async function expectMessageCard(page: Page, heading: string) {
  const card = page.locator("main .p-message.card");
  await expect(card.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await expect(page.getByText(NEXT_DEFAULT_404)).toHaveCount(0);
  return card;
}

test("an ended session without a return URL tells the user to ask the app for a new link; with one, it links back", async ({ page, keyport }) => {
  const plain = await keyport.tenant({ portal: { displayName: "Acme Cloud", primaryColor: "#0f766e" } });
  for (const [reason, heading] of [
    ["session_expired", "Your session has ended"],
    ["no_session", "You’re not signed in"],
    ["invalid_link", "This link can’t be used"],
  ] as const) {
    await page.goto(`/portal/${plain.portalId}/ended?reason=${reason}`);
    const card = await expectMessageCard(page, heading);
    await expect(card.getByText("Acme Cloud", { exact: true })).toBeVisible();
    await expect(card.getByText(/Acme Cloud for a new link|to get a new link/)).toBeVisible();
    await expect(card.getByRole("link")).toHaveCount(0);
  }
  // The portal's colour, not Keyport's indigo.
  await expect(page.locator(".p-brand-mark")).toHaveCSS("background-color", "rgb(15, 118, 110)");

  const linked = await keyport.tenant({ portal: { displayName: "Beta Cloud", returnUrl: "https://app.beta.test/settings" } });
  await page.goto(`/portal/${linked.portalId}/ended?reason=session_expired`);
  const card = await expectMessageCard(page, "Your session has ended");
  await expect(card.getByText("To continue, ask Beta Cloud for a new link")).toBeVisible();
  await expect(card.getByRole("link", { name: "Back to Beta Cloud" })).toHaveAttribute("href", "https://app.beta.test/settings");
});

test("a turned-off portal says so, whichever way the visit ended", async ({ page, keyport }) => {
  const tenant = await keyport.tenant({ portal: { displayName: "Sleepy Co", enabled: false } });
  await page.goto(`/portal/${tenant.portalId}/ended?reason=session_expired`);
  const card = await expectMessageCard(page, "This portal is unavailable");
  await expect(card.getByText("Sleepy Co", { exact: true })).toBeVisible();
  await expect(card.getByText("Contact Sleepy Co if you need to manage your keys.")).toBeVisible();
});

test("a malformed link and a link to no portal answer 404 with a page that says what to do", async ({ page }) => {
  for (const [path, heading] of [
    ["/portal/pc_?session=pst_abc", "This link isn’t complete"],
    ["/portal/not-a-portal-id?session=pst_abc", "This link isn’t complete"],
    ["/portal/pc_doesnotexist0000?session=pst_abc", "We can’t find this portal"],
  ] as const) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    expect(res?.headers()["content-type"], path).toContain("text/html");
    const card = await expectMessageCard(page, heading);
    await expect(card.getByText("Keyport", { exact: true })).toBeVisible();
    await expect(card.getByText("To get a new link, go back to the app that sent you and open your API keys from there.")).toBeVisible();
    expect(await page.content(), path).not.toContain("pst_abc");
  }
  expect(await page.title()).toBe("We can’t find this portal · Keyport");

  // The pages of a portal that does not exist end on the same explanation, not a dead end.
  await page.goto("/portal/pc_doesnotexist0000/keys");
  await expect(page).toHaveURL(/\/portal\/pc_doesnotexist0000\/ended\?reason=no_session$/);
  await expectMessageCard(page, "We can’t find this portal");
  await page.goto("/portal/not-a-portal-id/keys");
  await expectMessageCard(page, "We can’t find this portal");
});

test("a wrong address, under /portal/ or anywhere else, is a styled 404", async ({ page, keyport }) => {
  const tenant = await keyport.tenant();
  for (const path of [`/portal/${tenant.portalId}/no-such-tab`, `/portal/${tenant.portalId}/keys/extra/deep`, "/portal", "/no-such-page", "/docs/no-such-section/x"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    const card = await expectMessageCard(page, "Page not found");
    await expect(card.getByText("Keyport", { exact: true })).toBeVisible();
    await expect(card.getByText(/go back to the app that sent you/i)).toBeVisible();
    await expect(page).toHaveTitle("Page not found · Keyport");
  }
});

test("the home page greets a user a portal sent back, and only then", async ({ page }) => {
  await page.goto("/?reason=session_expired");
  const note = page.getByRole("note");
  await expect(note).toContainText("Your portal session has ended.");
  await expect(note).toContainText("open them from the app that sent you");
  await expect(note).toContainText("npx --no-install keyport demo");
  await page.goto("/?reason=signed_out");
  await expect(page.getByRole("note")).toContainText("You’ve left the API keys portal.");
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Keyport" })).toBeVisible();
  await expect(page.getByRole("note")).toHaveCount(0);
});

test("the demo agrees with itself: keys used by its history, the template's limits, and a way back when the session ends", async ({ page, request, baseURL }) => {
  const token = process.env.KEYPORT_OPERATOR_TOKEN!;
  const client = new KeyportClient(request, baseURL!, token);
  const demo = await client.operator<{ portalUrl: string; rootKey: string; created: boolean }>("demo", {});
  expect(demo.created).toBe(true);
  await page.goto(demo.portalUrl);
  await expect(page.getByTestId("signed-in-as")).toHaveText("user_123");

  const row = (name: string) => page.locator("tbody tr", { has: page.getByRole("cell", { name, exact: true }) });
  await expect(row("Production").locator('td[data-label="Last used"]')).not.toHaveText("Never");
  await expect(row("Production").locator('td[data-label="Limits"]')).toContainText("9,828 credits");
  await expect(row("Staging").locator('td[data-label="Last used"]')).not.toHaveText("Never");
  await expect(row("Local development").locator('td[data-label="Last used"]')).toHaveText("Never");
  await expect(row("Local development").locator('td[data-label="Limits"]')).toContainText("10,000 credits");
  for (const name of ["Production", "Staging", "Local development"]) await expect(row(name).locator('td[data-label="Limits"]')).toContainText("100 per minute");
  await shot(page, "demo-keys");

  // A key created in the portal starts where the demo's keys started.
  await page.getByRole("button", { name: "Create key" }).first().click();
  await page.getByRole("dialog").getByLabel("Name").fill("Made here");
  await page.getByRole("dialog").getByRole("button", { name: "Create key" }).click();
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Done" }).click();
  await expect(row("Made here").locator('td[data-label="Limits"]')).toContainText("10,000 credits");

  // The demo's return URL is this server's home page: an ended session lands there, greeted.
  await page.getByRole("link", { name: "Usage" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Usage" })).toBeVisible();
  // Every seeded verification is in the day shown, and the valid ones are the credits the keys spent.
  await expect(page.getByTestId("stat-total")).toHaveText("240");
  await expect(page.getByTestId("stat-valid")).toHaveText(String(10_000 - 9_828 + 10_000 - 9_943));
  await shot(page, "demo-usage");

  await client.call("/v2/portal.revokeSession", { externalId: "user_123" }, demo.rootKey);
  await page.getByRole("link", { name: "API keys" }).click();
  await expect(page).toHaveURL(/\/\?reason=session_expired$/);
  await expect(page.getByRole("note")).toContainText("Your portal session has ended.");
});
