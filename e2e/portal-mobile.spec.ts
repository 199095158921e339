import { expect, test } from "./fixtures/portal-session";
import { shot } from "./fixtures/screenshots";

test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

test("the portal works on a phone-sized screen", async ({ page, keyport }) => {
  const tenant = await keyport.tenant({ portal: { displayName: "Acme Cloud", docsMarkdown: "Send the key as `Authorization: Bearer`. See [the API reference](https://docs.acme.test/api)." } });
  await tenant.createKey({ externalId: "user_phone", name: "Phone app backend" });
  await page.goto((await tenant.createSession({ externalId: "user_phone" })).url);
  await expect(page.getByTestId("signed-in-as")).toHaveText("user_phone");
  await page.waitForLoadState("load"); // stylesheets applied before measuring layout

  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);
  await expect(page.getByText("Phone app backend")).toBeVisible();
  await expect(page.getByRole("button", { name: "Actions for Phone app backend" })).toBeInViewport();
  await shot(page, "keys-phone");

  await page.getByRole("button", { name: "Create key" }).first().click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeInViewport({ ratio: 1 });
  await dialog.getByLabel("Name").fill("From my phone");
  await dialog.getByRole("button", { name: "Create key" }).click();
  const reveal = page.getByRole("dialog", { name: "Your new API key" });
  await expect(reveal).toBeInViewport({ ratio: 1 });
  await shot(page, "new-key-phone");
  await reveal.getByRole("checkbox").check();
  await reveal.getByRole("button", { name: "Done" }).click();

  await page.getByRole("link", { name: "Docs" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Using your API key" })).toBeVisible();
  await expect(page.getByTestId("docs-note").getByRole("link", { name: "the API reference" })).toHaveAttribute("href", "https://docs.acme.test/api");
  expect(await overflow()).toBeLessThanOrEqual(0);
  await shot(page, "docs-phone");

  await page.getByRole("link", { name: "Usage" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Usage" })).toBeVisible();
  expect(await overflow()).toBeLessThanOrEqual(0);
  await shot(page, "usage-phone");
});

test("keyboard only: tab to a row's menu, move through it, open a dialog, close it", async ({ page, keyport }) => {
  const tenant = await keyport.tenant();
  await tenant.createKey({ externalId: "user_kbd", name: "Keyboard" });
  await page.goto((await tenant.createSession({ externalId: "user_kbd" })).url);
  await expect(page.getByTestId("signed-in-as")).toHaveText("user_kbd");
  const actions = page.getByRole("button", { name: "Actions for Keyboard" });
  for (let i = 0; i < 30 && !(await actions.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(actions).toBeFocused();

  // Enter opens on the first item; arrows move and wrap; Escape closes and returns focus.
  await page.keyboard.press("Enter");
  await expect(actions).toHaveAttribute("aria-expanded", "true");
  const item = (name: string) => page.getByRole("menuitem", { name });
  await expect(item("Rename")).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(item("Roll")).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(item("Rename")).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(item("Revoke")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toHaveCount(0);
  await expect(actions).toBeFocused();
  await expect(actions).toHaveAttribute("aria-expanded", "false");

  // ↑ opens on the last item; Space picks it.
  await page.keyboard.press("ArrowUp");
  await expect(item("Revoke")).toBeFocused();
  await page.keyboard.press("Home");
  await expect(item("Rename")).toBeFocused();
  await page.keyboard.press(" ");
  await expect(page.getByRole("dialog").getByLabel("Name")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(actions).toBeFocused();

  // Tab leaves an open menu: it closes and focus moves on from its button.
  await page.keyboard.press("Enter");
  await expect(item("Rename")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("menu")).toHaveCount(0);
  await expect(actions).not.toBeFocused();
});
