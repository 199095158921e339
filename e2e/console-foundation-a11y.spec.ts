import type { Page } from "@playwright/test";
import { expectAccessible } from "./fixtures/axe";
import { consoleLink, expect, signIn, test } from "./fixtures/console";
import { shot } from "./fixtures/screenshots";

/**
 * WCAG 2 AA (axe-core, colour contrast included) on the console's sign-in, signed-out and 404 pages,
 * the workspaces list, a workspace's overview, its APIs and root keys — with their dialogs and empty
 * states — in both colour schemes, at a desktop and a phone width. Each state is saved as a screenshot
 * (e2e/artifacts/screenshots/console-*) for a person to look at.
 */
for (const colorScheme of ["light", "dark"] as const) {
  for (const width of [1280, 390]) {
    test.describe(`${colorScheme}, ${width} px`, () => {
      test.use({ colorScheme, viewport: { width, height: width > 600 ? 900 : 844 } });
      const tag = `${width}-${colorScheme}`;
      const check = async (page: Page, screen: string) => {
        await expectAccessible(page, `${screen} (${tag})`);
        await shot(page, `console-${screen}-${tag}`);
      };
      const noHorizontalScroll = async (page: Page, screen: string) => {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${screen} scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
      };

      test("sign-in, used link, signed out and not found", async ({ page, keyport }) => {
        const ws = await keyport.operator<{ workspaceId: string }>("workspaces.create", { name: "Northwind Traders" });
        const link = await consoleLink(keyport, ws.workspaceId);
        await page.goto(link.url);
        await expect(page.getByRole("button", { name: "Continue" })).toBeVisible();
        await check(page, "sign-in");
        await signIn(page, link, ws.workspaceId);
        await page.goto(link.url);
        await expect(page.getByRole("heading", { name: "This sign-in link has been used" })).toBeVisible();
        await check(page, "link-used");
        await page.goto("/console/w/ws_doesNotExist123");
        await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
        await check(page, "not-found");
        await page.goto(`/console/w/${ws.workspaceId}`);
        await page.getByRole("button", { name: "Sign out" }).click();
        await expect(page.getByRole("heading", { name: "You’re signed out of the console" })).toBeVisible();
        await check(page, "signed-out");
      });

      test("workspaces list and its dialogs (operator)", async ({ page, keyport, consoleAs }) => {
        await keyport.tenant({ name: "Acme Cloud" });
        await consoleAs();
        await expect(page.getByRole("heading", { name: "Workspaces", level: 1 })).toBeVisible();
        await noHorizontalScroll(page, "workspaces");
        await check(page, "workspaces");
        await page.getByRole("button", { name: /^Create (your first )?workspace$/ }).click();
        await page.getByRole("dialog").getByLabel("Name").fill("Globex");
        await check(page, "create-workspace");
        await page.getByRole("dialog").getByRole("button", { name: "Create workspace" }).click();
        await expect(page.getByRole("dialog", { name: "Workspace “Globex” is ready" })).toBeVisible();
        await check(page, "workspace-root-key");
      });

      test("overview, APIs and root keys with their dialogs (workspace admin)", async ({ page, keyport, consoleAs }) => {
        const tenant = await keyport.tenant({ name: "Initech Payments" });
        await tenant.createKey({ externalId: "alice", name: "Production" });
        await keyport.operator("rootKeys.create", { workspaceId: tenant.workspaceId, name: "billing-backend", permissions: ["api.*.create_key", "api.*.verify_key", "portal.*.create_portal_session"] });
        await consoleAs({ workspaceId: tenant.workspaceId });
        await expect(page.getByTestId("count-apis")).toHaveText("1");
        await noHorizontalScroll(page, "overview");
        await check(page, "overview");

        await page.getByRole("link", { name: "APIs", exact: true }).click();
        await expect(page.getByTestId("apis")).toBeVisible();
        await noHorizontalScroll(page, "apis");
        await check(page, "apis");
        await page.getByRole("button", { name: "Create API" }).click();
        await page.getByRole("dialog").getByLabel("Name").fill("ab");
        await page.getByRole("dialog").getByRole("button", { name: "Create API" }).click();
        await expect(page.getByRole("dialog").getByRole("alert")).toBeVisible();
        await check(page, "create-api-refused");
        await page.keyboard.press("Escape");
        await page.getByRole("button", { name: "Delete Production" }).click();
        await page.getByTestId("typed-confirmation").fill("Produc");
        await check(page, "delete-api");
        await page.keyboard.press("Escape");

        await page.getByRole("link", { name: "Root keys", exact: true }).click();
        await expect(page.getByTestId("root-keys")).toBeVisible();
        await noHorizontalScroll(page, "root-keys");
        await check(page, "root-keys");
        await page.getByRole("button", { name: "Create root key" }).click();
        await page.getByRole("dialog").getByRole("checkbox", { name: /Verify keys/ }).check();
        await check(page, "create-root-key");
        await page.getByRole("dialog").getByRole("button", { name: "Create root key" }).click();
        await expect(page.getByRole("dialog", { name: "Your new root key" })).toBeVisible();
        await check(page, "new-root-key");
        await page.getByRole("dialog").getByLabel("I have copied it and stored it somewhere safe.").check();
        await page.getByRole("dialog").getByRole("button", { name: "Done" }).click();
        await page.getByRole("button", { name: "Revoke billing-backend" }).click();
        await check(page, "revoke-root-key");
      });

      test("empty APIs and root keys", async ({ page, keyport, consoleAs }) => {
        const ws = await keyport.operator<{ workspaceId: string; rootKeyId: string }>("workspaces.create", { name: "Empty Corp" });
        await keyport.operator("rootKeys.revoke", { keyId: ws.rootKeyId });
        await consoleAs({ workspaceId: ws.workspaceId });
        await page.getByRole("link", { name: "APIs", exact: true }).click();
        await expect(page.getByRole("heading", { name: "No APIs yet" })).toBeVisible();
        await check(page, "apis-empty");
        await page.getByRole("link", { name: "Root keys", exact: true }).click();
        await expect(page.getByRole("heading", { name: "No root keys" })).toBeVisible();
        await check(page, "root-keys-empty");
      });
    });
  }
}

test("keyboard only: sign in, move between sections, create an API, sign out", async ({ page, keyport }) => {
  const tenant = await keyport.tenant({ name: "Keyboard Co" });
  const link = await consoleLink(keyport, tenant.workspaceId);
  await page.goto(link.url);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Continue" })).toBeFocused();
  await page.keyboard.press("Enter");
  await page.waitForURL((u) => u.pathname === `/console/w/${tenant.workspaceId}`);
  // The skip link comes first, then the start page, the breadcrumb, Sign out and the sections.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  const apis = page.getByRole("link", { name: "APIs", exact: true });
  for (let i = 0; i < 10 && !(await apis.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(apis).toBeFocused();
  await page.keyboard.press("Enter");
  await page.waitForURL((u) => u.pathname.endsWith("/apis"));
  const create = page.getByRole("button", { name: "Create API" });
  for (let i = 0; i < 20 && !(await create.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog").getByLabel("Name")).toBeFocused();
  await page.keyboard.type("Keyboard API");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByTestId("apis")).toContainText("Keyboard API");
});
