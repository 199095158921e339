import type { Page } from "@playwright/test";
import { expectAccessible } from "./fixtures/axe";
import { ALL_PERMISSIONS, expect, test } from "./fixtures/portal-session";
import { shot } from "./fixtures/screenshots";

/**
 * WCAG 2 AA (axe-core, colour contrast included) on every page a browser reaches — the portal's pages
 * in each state worth drawing, its landing prompt, its "ended" pages, the home page and the error
 * docs — in both colour schemes, at a desktop and a phone width. Each state is also saved as a
 * screenshot (e2e/artifacts/screenshots/a11y-*) for a person to look at.
 */
const DAY = 86_400_000;

for (const colorScheme of ["light", "dark"] as const) {
  for (const width of [1280, 390]) {
    test.describe(`${colorScheme}, ${width} px`, () => {
      test.use({ colorScheme, viewport: { width, height: width > 600 ? 900 : 844 } });
      const tag = `${width}-${colorScheme}`;
      const check = async (page: Page, screen: string) => {
        await expectAccessible(page, `${screen} (${tag})`);
        await shot(page, `a11y-${screen}-${tag}`);
      };

      test("every portal page passes axe", async ({ page, keyport }) => {
        const tenant = await keyport.tenant({ portal: { displayName: "Acme Cloud", returnUrl: "https://app.acme.test/settings", docsMarkdown: "Send the key as `Authorization: Bearer <key>`." } });
        await keyport.operator("portals.update", { workspaceId: tenant.workspaceId, portal: tenant.slug, showKeyMeta: true });
        // One key in each status the table draws, with meta and rate limits to show.
        await tenant.v2("keys.createKey", {
          apiId: tenant.apiId,
          externalId: "alice",
          name: "Production server",
          meta: { plan: "pro", region: "eu-west-1" },
          ratelimits: [{ name: "requests", limit: 100, duration: 60_000, autoApply: true }],
        });
        await tenant.createKey({ externalId: "alice", name: "Expiring soon", expires: Date.now() + 2 * DAY });
        await tenant.createKey({ externalId: "alice", name: "Metered", credits: { remaining: 0 } });
        const off = await tenant.createKey({ externalId: "alice", name: "Turned off" });
        await tenant.v2("keys.updateKey", { keyId: off.keyId, enabled: false });
        const rolled = await tenant.createKey({ externalId: "alice", name: "Rolled" });
        await tenant.v2("keys.rerollKey", { keyId: rolled.keyId, expiration: 3_600_000 });

        await page.goto((await tenant.createSession({ externalId: "alice", permissions: ALL_PERMISSIONS })).url);
        await expect(page.getByTestId("signed-in-as")).toHaveText("alice");
        await expect(page.getByText("Expiring soon", { exact: true }).first()).toBeVisible();
        await check(page, "keys");
        await page.getByText("Details", { exact: true }).first().click();
        await expect(page.getByText("eu-west-1")).toBeVisible();
        await check(page, "keys-meta");

        await page.getByRole("button", { name: "Create key" }).first().click();
        await expect(page.getByRole("dialog")).toBeVisible();
        await check(page, "create-dialog");
        await page.keyboard.press("Escape");
        await page.getByRole("button", { name: "Actions for Production server" }).click();
        await expect(page.getByRole("menu")).toBeVisible();
        await check(page, "actions-menu");
        await page.getByRole("menuitem", { name: "Revoke" }).click();
        await expect(page.getByRole("dialog")).toBeVisible();
        await check(page, "revoke-dialog");
        await page.keyboard.press("Escape");
        for (const [item, screen] of [["Rename", "rename-dialog"], ["Roll", "roll-dialog"]] as const) {
          await page.getByRole("button", { name: "Actions for Production server" }).click();
          await page.getByRole("menuitem", { name: item }).click();
          await expect(page.getByRole("dialog")).toBeVisible();
          await check(page, screen);
          await page.keyboard.press("Escape");
          await expect(page.getByRole("dialog")).toBeHidden();
        }
        // The shown-once secret after a create.
        await page.getByRole("button", { name: "Create key" }).first().click();
        await page.getByRole("dialog").getByLabel("Name").fill("Shown once");
        await page.getByRole("dialog").getByRole("button", { name: "Create key" }).click();
        await expect(page.getByRole("dialog")).toContainText("Your new API key");
        await check(page, "secret-dialog");
        await page.getByRole("dialog").getByRole("checkbox").check();
        await page.getByRole("dialog").getByRole("button", { name: "Done" }).click();
        await expect(page.getByRole("dialog")).toBeHidden();

        // Client navigations: the new page's <title> replaces the old one after its body, so wait for it.
        await page.getByRole("link", { name: "Usage" }).click();
        await expect(page.getByRole("heading", { level: 1, name: "Usage" })).toBeVisible();
        await expect(page).toHaveTitle(/^Usage/);
        await check(page, "usage");
        await page.getByRole("link", { name: "Docs" }).click();
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await expect(page).toHaveTitle(/^Docs/);
        await check(page, "docs");

        // The landing page, asking before it would switch alice's browser to eve (login CSRF guard).
        await page.goto((await tenant.createSession({ externalId: "eve" })).url);
        await expect(page.getByRole("button", { name: "Stay signed in as alice" })).toBeVisible();
        await check(page, "landing-switch");
        await page.getByRole("button", { name: "Stay signed in as alice" }).click();
        await expect(page.getByTestId("signed-in-as")).toHaveText("alice");

        // A preview session draws its banner.
        await page.goto((await tenant.createSession({ externalId: "alice", preview: true })).url);
        await expect(page.getByRole("note")).toContainText("Preview");
        await check(page, "keys-preview");

        for (const reason of ["invalid_link", "signed_out", "no_session", "unavailable"]) {
          await page.goto(`/portal/${tenant.portalId}/ended?reason=${reason}`);
          await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
          await check(page, `ended-${reason}`);
        }
      });

      test("the dead ends, the branded landing and the home page's greeting pass axe", async ({ page, keyport }) => {
        const tenant = await keyport.tenant({ portal: { displayName: "Acme Cloud", primaryColor: "#0f766e" } });
        await page.goto(`/portal/${tenant.portalId}/ended?reason=session_expired`);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await check(page, "ended-session_expired-no-return");
        for (const [screen, path] of [
          ["ended-unknown-portal", "/portal/pc_doesnotexist0000/ended?reason=no_session"],
          ["404-link-malformed", "/portal/not-a-portal?session=pst_x"],
          ["404-link-unknown", "/portal/pc_doesnotexist0000?session=pst_x"],
          ["404-portal-path", `/portal/${tenant.portalId}/no-such-tab`],
          ["404-page", "/no-such-page"],
          ["home-returned", "/?reason=session_expired"],
        ] as const) {
          await page.goto(path);
          await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
          await check(page, screen);
        }

        // The landing page, held mid-exchange (its spinner), then as if the network dropped (its retry button).
        let release!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        await page.route("**/v2/portal.exchangeCode", async (route) => {
          await held;
          await route.abort("internetdisconnected");
        });
        await page.goto((await tenant.createSession({ externalId: "alice" })).url);
        await expect(page.getByRole("heading", { level: 1, name: "Signing you in…" })).toBeVisible();
        await check(page, "landing");
        release();
        await expect(page.getByRole("button", { name: "Try again" })).toBeVisible();
        await check(page, "landing-offline");
      });

      test("the home page and the error docs pass axe", async ({ page }) => {
        await page.goto("/");
        await check(page, "home");
        await page.goto("/docs/errors");
        await check(page, "error-index");
        await page.goto("/docs/errors/keyport/authentication/session_switch_unconfirmed");
        await expect(page.getByRole("heading", { level: 1 })).toHaveText("session_switch_unconfirmed");
        await check(page, "error-page");
      });
    });
  }
}
