import type { Locator, Page } from "@playwright/test";
import { expect, test, type Tenant } from "./fixtures/portal-session";
import { shot } from "./fixtures/screenshots";

/**
 * How the keys screen is laid out, measured in the browser: one line per ordinary key at a desktop
 * width, dialogs outside the table and centred on a phone, raised dialogs in dark mode, and
 * screenshots of each state (with keys, empty, a dialog open, after a roll) at 1280 and 390 px in
 * both colour schemes for a person to look at.
 */
const LONG = "Nightly reconciliation job for the European billing cluster";

async function seedKeys(tenant: Tenant, externalId: string) {
  const used = await tenant.createKey({ externalId, name: "Production server" });
  await tenant.verify(used.key); // a "Last used" time in the table
  await tenant.createKey({ externalId, name: "Staging", expires: Date.now() + 30 * 86_400_000 });
  await tenant.createKey({ externalId, name: "CI", credits: { remaining: 1000 } });
  await tenant.createKey({ externalId, name: LONG });
}

/** A colour from getComputedStyle as [r, g, b, a]. */
const rgba = (css: string) => {
  const [r = 0, g = 0, b = 0, a = 1] = (css.match(/[\d.]+/g) ?? []).map(Number);
  return { r, g, b, a };
};
const luminance = (css: string) => {
  const { r, g, b } = rgba(css);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};

async function rollFirst(page: Page, name: string) {
  await page.getByRole("button", { name: `Actions for ${name}`, exact: true }).first().click();
  await page.getByRole("menuitem", { name: "Roll" }).click();
  return page.getByRole("dialog", { name: `Roll “${name}”` });
}

test.describe("1280 px", () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  test("every ordinary row is one line: actions never wrap, times never wrap, a long name is cut with its full text on hover", async ({ page, keyport }) => {
    const tenant = await keyport.tenant({ portal: { displayName: "Acme Cloud", returnUrl: "https://app.acme.test/settings" } });
    await seedKeys(tenant, "user_rows");
    await page.goto((await tenant.createSession({ externalId: "user_rows", returnUrl: "https://app.acme.test/settings" })).url);
    await page.waitForLoadState("load");
    await expect(page.getByText("Last used")).toBeVisible();

    const rows = page.locator("tbody tr");
    await expect(rows).toHaveCount(4);
    const heights = await rows.evaluateAll((trs) => trs.map((tr) => tr.getBoundingClientRect().height));
    // One line of 14 px text plus the cell padding; two lines would be ~20 px more.
    for (const h of heights) expect(h).toBeLessThan(56);
    expect(Math.max(...heights) - Math.min(...heights)).toBeLessThanOrEqual(1);

    const long = page.getByTitle(LONG);
    // Cut to one line with an ellipsis (line-clamp: what does not fit is below the line, hidden).
    expect(await long.evaluate((el) => el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight)).toBe(true);
    expect(await long.evaluate((el) => el.getBoundingClientRect().height)).toBeLessThan(24);
    await expect(page.locator(".table-wrap")).toHaveJSProperty("scrollLeft", 0);
    expect(await page.locator(".table-wrap").evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

    // The return link sits in the header, styled like its other quiet links (not the default blue underline).
    const back = page.getByRole("link", { name: "Back to Acme Cloud" });
    await expect(back).toBeVisible();
    expect(await back.evaluate((el) => [getComputedStyle(el).textDecorationLine, !!el.closest("header")])).toEqual(["none", true]);
  });
});

test.describe("390 px", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("keys are cards that fit the screen; dialogs render outside the table and sit centred", async ({ page, keyport }) => {
    const tenant = await keyport.tenant();
    await seedKeys(tenant, "user_centre");
    await page.goto((await tenant.createSession({ externalId: "user_centre" })).url);
    await page.waitForLoadState("load");
    // The table is a list of cards that fits the screen: a long name is cut, nothing scrolls sideways.
    expect(await page.locator(".table-wrap").evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    const name = page.getByTitle(LONG);
    expect(await name.evaluate((el) => (el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight) && el.getBoundingClientRect().right <= 390)).toBe(true);

    const centred = async (dialog: Locator) => {
      await expect(dialog).toBeInViewport({ ratio: 1 });
      const box = (await dialog.boundingBox())!;
      expect(Math.abs(box.x + box.width / 2 - 195)).toBeLessThanOrEqual(2);
      expect(await dialog.evaluate((el) => el.closest("table, main, td") === null)).toBe(true);
      // Nothing of a table cell's alignment leaks in: the title and buttons line up on the left edge.
      expect(await dialog.evaluate((el) => getComputedStyle(el.querySelector("h2")!).textAlign)).toBe("left");
    };
    for (const item of ["Rename", "Roll", "Revoke"]) {
      await page.getByRole("button", { name: "Actions for Staging" }).click();
      await page.getByRole("menuitem", { name: item }).click();
      await centred(page.getByRole("dialog"));
      await page.keyboard.press("Escape");
      await expect(page.getByRole("dialog")).toHaveCount(0);
    }
    await (await rollFirst(page, "Staging")).getByRole("button", { name: "Roll key" }).click();
    await centred(page.getByRole("dialog", { name: "Your new key for Staging" }));
  });
});

test.describe("dark", () => {
  test.use({ colorScheme: "dark", viewport: { width: 1280, height: 900 } });

  test("a dialog is raised off the page: its own surface and border, and a backdrop that dims", async ({ page, keyport }) => {
    const tenant = await keyport.tenant();
    await seedKeys(tenant, "user_dark");
    await page.goto((await tenant.createSession({ externalId: "user_dark" })).url);
    await page.getByRole("button", { name: "Create key" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    const colours = await dialog.evaluate((el) => ({
      page: getComputedStyle(document.body).backgroundColor,
      dialog: getComputedStyle(el).backgroundColor,
      border: getComputedStyle(el).borderTopColor,
      backdrop: getComputedStyle(el, "::backdrop").backgroundColor,
    }));
    expect(colours.dialog).not.toBe(colours.page);
    expect(luminance(colours.dialog) - luminance(colours.page)).toBeGreaterThan(8);
    expect(luminance(colours.border) - luminance(colours.dialog)).toBeGreaterThan(8);
    // The old backdrop was slate at 45 %: on a near-black page it barely showed. Black at ≥ 70 % dims.
    const backdrop = rgba(colours.backdrop);
    expect(luminance(colours.backdrop)).toBeLessThan(10);
    expect(backdrop.a).toBeGreaterThanOrEqual(0.7);
  });
});

for (const colorScheme of ["light", "dark"] as const) {
  for (const width of [1280, 390]) {
    test(`screenshots of the keys screen, ${colorScheme}, ${width} px`, async ({ page, browser, keyport }) => {
      await page.setViewportSize({ width, height: width > 600 ? 900 : 844 });
      await page.emulateMedia({ colorScheme });
      const tag = `${width}-${colorScheme}`;
      const tenant = await keyport.tenant({ portal: { displayName: "Acme Cloud", returnUrl: "https://app.acme.test/settings" } });
      await seedKeys(tenant, "user_shots");
      await page.goto((await tenant.createSession({ externalId: "user_shots", returnUrl: "https://app.acme.test/settings" })).url);
      await page.waitForLoadState("load");
      await shot(page, `keys-${tag}`);

      await page.getByRole("button", { name: "Actions for Staging" }).click();
      await expect(page.getByRole("menu")).toBeVisible();
      await page.screenshot({ path: `e2e/artifacts/screenshots/keys-menu-${tag}.png` });
      await page.getByRole("menuitem", { name: "Roll" }).click();
      const roll = page.getByRole("dialog", { name: "Roll “Staging”" });
      await expect(roll).toBeVisible();
      await page.screenshot({ path: `e2e/artifacts/screenshots/keys-roll-dialog-${tag}.png` });
      await roll.getByRole("button", { name: "Roll key" }).click();
      const reveal = page.getByRole("dialog", { name: "Your new key for Staging" });
      await expect(reveal).toBeVisible();
      await page.screenshot({ path: `e2e/artifacts/screenshots/keys-new-key-dialog-${tag}.png` });
      await reveal.getByRole("checkbox").check();
      await reveal.getByRole("button", { name: "Done" }).click();
      await expect(page.getByText(/Replaced by/)).toBeVisible();
      await shot(page, `keys-after-roll-${tag}`);

      const fresh = await browser.newPage({ viewport: { width, height: width > 600 ? 900 : 844 }, colorScheme });
      await fresh.goto((await tenant.createSession({ externalId: "user_shots_new" })).url);
      await expect(fresh.getByRole("button", { name: "Create your first key" })).toBeVisible();
      await fresh.waitForLoadState("load");
      await shot(fresh, `keys-empty-${tag}`);
      await fresh.close();
    });
  }
}
