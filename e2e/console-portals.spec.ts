import type { Page } from "@playwright/test";
import { expectAccessible } from "./fixtures/axe";
import { expect, test } from "./fixtures/console";
import type { KeyportClient, Tenant } from "./fixtures/portal-session";
import { shot } from "./fixtures/screenshots";

/**
 * The console's portals (docs/console.md "Portals"): provisioning a portal in the browser gives the
 * operator API the same portal; the live preview renders the real portal components and follows the
 * form before anything is saved; refusals are the API's, next to their field; disable, a test user's
 * preview tab and delete do what they say.
 */

type PortalConfig = Record<string, unknown> & { portalId: string; slug: string };

/** The preview frame: the portal's own shell rendered inside it (a srcdoc document of the console page). */
const preview = (page: Page) => page.frameLocator('iframe[title^="Preview of the portal"]');
const portalsOf = async (keyport: KeyportClient, workspaceId: string) => (await keyport.operator<{ portals: PortalConfig[] }>("portals.list", { workspaceId })).portals;

async function newPortal(page: Page, tenant: Tenant, fill: (page: Page) => Promise<void>): Promise<string> {
  await page.goto(`/console/w/${tenant.workspaceId}/portals`);
  await page.getByRole("link", { name: "New portal" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New portal" })).toBeVisible();
  await fill(page);
  await page.getByRole("button", { name: "Create portal" }).click();
  await page.waitForURL(/\/portals\/pc_[A-Za-z0-9]+\?created=1$/);
  await expect(page.getByRole("status").filter({ hasText: "Portal created" })).toBeVisible();
  return new URL(page.url()).pathname.split("/").at(-1) as string;
}

test("a portal created in the console is in portals.list with exactly the form's fields", async ({ page, keyport, consoleAs }) => {
  const tenant = await keyport.tenant();
  const search = await keyport.operator<{ apiId: string }>("apis.create", { workspaceId: tenant.workspaceId, name: "Search" });
  await consoleAs({ workspaceId: tenant.workspaceId });

  const portalId = await newPortal(page, tenant, async (p) => {
    await p.getByLabel("Slug").fill("docs-team");
    await p.getByLabel("Display name").fill("Docs Team");
    await p.getByRole("checkbox", { name: /^Production/ }).check();
    await p.getByRole("checkbox", { name: /^Search/ }).check();
    await p.getByLabel("Brand colour", { exact: true }).fill("#0f766e");
    await p.getByLabel("Logo URL").fill("https://cdn.example.com/docs-team.svg");
    await p.getByLabel("Return URL").fill("https://app.example.com/settings/keys");
    await p.getByLabel("API base URL").fill("https://api.example.com/v1");
    await p.getByRole("radio", { name: /^Sliding/ }).check();
    await p.getByLabel("Key cap per user").fill("5");
    await p.getByRole("checkbox", { name: "Show each key's metadata to its user" }).check();
    await p.getByLabel("Prefix").fill("docs");
    await p.getByLabel("Key length (bytes)").fill("24");
    await p.getByLabel("Default expiry (milliseconds)").fill("2592000000");
    await expect(p.getByText("30 days.")).toBeVisible();
    await p.getByRole("checkbox", { name: "Keys get credits" }).check();
    await p.getByLabel("Credits per key").fill("1000");
    await p.getByLabel("Refill", { exact: true }).selectOption("monthly");
    await p.getByLabel("Refill amount").fill("500");
    await p.getByLabel("Day of the month").fill("15");
    await p.getByRole("button", { name: "Add a rate limit" }).click();
    await p.getByLabel("Limit 1: name").fill("requests");
    await p.getByLabel("Requests", { exact: true }).fill("100");
    await p.getByLabel("Per (milliseconds)").fill("60000");
    await p.getByLabel("Docs note (Markdown)").fill("Call **us** at `api.example.com`.");
    await p.getByLabel("Embed origins").fill("https://App.Example.com/\nhttp://localhost:5173");
  });

  const portal = (await portalsOf(keyport, tenant.workspaceId)).find((p) => p.slug === "docs-team");
  expect(portal).toEqual({
    portalId,
    workspaceId: tenant.workspaceId,
    slug: "docs-team",
    displayName: "Docs Team",
    logoUrl: "https://cdn.example.com/docs-team.svg",
    primaryColor: "#0f766e",
    returnUrl: "https://app.example.com/settings/keys",
    apiBaseUrl: "https://api.example.com/v1",
    docsMarkdown: "Call **us** at `api.example.com`.",
    sessionPolicy: "sliding",
    maxKeys: 5,
    keyTemplate: {
      prefix: "docs",
      byteLength: 24,
      credits: { remaining: 1000, refill: { interval: "monthly", amount: 500, refillDay: 15 } },
      ratelimits: [{ name: "requests", limit: 100, duration: 60000, autoApply: true }],
      defaultExpiryMs: 2592000000,
    },
    enabled: true,
    showKeyMeta: true,
    embedOrigins: ["https://app.example.com", "http://localhost:5173"],
    apiIds: [tenant.apiId, search.apiId],
    createdAt: expect.any(Number),
  });
  // The edit page shows what was stored (origins normalised), and the list names it.
  await expect(page.getByLabel("Embed origins")).toHaveValue("https://app.example.com\nhttp://localhost:5173");
  await page.getByRole("link", { name: "Portals", exact: true }).click();
  const row = page.getByTestId("portals-table").getByRole("row").filter({ hasText: "docs-team" });
  await expect(row).toContainText("Docs Team");
  await expect(row).toContainText("Production, Search");
  await expect(row).toContainText("Enabled");
});

test("the preview follows the form as it is typed, before saving; Save keeps it", async ({ page, keyport, consoleAs }) => {
  const tenant = await keyport.tenant({ portal: { displayName: "Before Co", primaryColor: "#1d4ed8" } });
  await consoleAs({ workspaceId: tenant.workspaceId });
  await page.goto(`/console/w/${tenant.workspaceId}/portals/${tenant.portalId}`);
  const frame = preview(page);
  await expect(frame.locator(".p-brand-name")).toHaveText("Before Co");
  await expect(frame.locator(".p-page-head .btn-primary")).toHaveCSS("background-color", "rgb(29, 78, 216)");
  await expect(frame.locator(".keys-table tbody tr")).toHaveCount(4);

  await page.getByLabel("Display name").fill("After Co");
  await page.getByLabel("Brand colour", { exact: true }).fill("#b91c1c");
  await page.getByLabel("Logo URL").fill("https://cdn.example.com/after.svg");
  await expect(frame.locator(".p-brand-name")).toHaveText("After Co");
  await expect(frame.locator(".p-page-head .btn-primary")).toHaveCSS("background-color", "rgb(185, 28, 28)");
  await expect(frame.locator(".p-brand img")).toHaveAttribute("src", "https://cdn.example.com/after.svg");
  // A colour the API would refuse is shown as the portal shows none: its default.
  await page.getByLabel("Brand colour", { exact: true }).fill("#b9");
  await expect(frame.locator(".p-page-head .btn-primary")).toHaveCSS("background-color", "rgb(79, 70, 229)");
  await page.getByLabel("Brand colour", { exact: true }).fill("#b91c1c");
  // The docs note renders on the preview's Docs page as it is typed.
  await page.getByRole("radio", { name: "Docs" }).check();
  await page.getByLabel("Docs note (Markdown)").fill("## Limits\n\nAsk **support** first.");
  await expect(frame.getByTestId("docs-note").locator("strong")).toHaveText("support");
  // Light and dark: the frame's document flips; the console does not.
  await page.getByRole("radio", { name: "Dark" }).check();
  await expect(frame.locator(".portal")).toHaveAttribute("data-theme", "dark");
  await expect(frame.locator("body")).toHaveCSS("background-color", "rgb(11, 15, 23)");
  await expect(page.locator("body")).toHaveCSS("background-color", "rgb(255, 255, 255)");

  // Nothing is saved yet.
  const before = await keyport.operator<PortalConfig>("portals.get", { workspaceId: tenant.workspaceId, portal: tenant.portalId });
  expect(before).toMatchObject({ displayName: "Before Co", primaryColor: "#1d4ed8" });
  expect(before).not.toHaveProperty("logoUrl");

  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved:" })).toHaveText("Saved: display name, logo, colour, docs.");
  const after = await keyport.operator<PortalConfig>("portals.get", { workspaceId: tenant.workspaceId, portal: tenant.portalId });
  expect(after).toMatchObject({ displayName: "After Co", primaryColor: "#b91c1c", logoUrl: "https://cdn.example.com/after.svg", docsMarkdown: "## Limits\n\nAsk **support** first." });
  // The portal itself shows what the preview showed.
  await page.goto((await tenant.createSession({ externalId: "user_1" })).url);
  await expect(page.locator(".p-brand-name")).toHaveText("After Co");
  await expect(page.getByRole("button", { name: "Create your first key" })).toHaveCSS("background-color", "rgb(185, 28, 28)");
});

test("an invalid slug is refused next to its field, and nothing changes", async ({ page, keyport, consoleAs }) => {
  const tenant = await keyport.tenant();
  await consoleAs({ workspaceId: tenant.workspaceId });
  const before = await keyport.operator<PortalConfig>("portals.get", { workspaceId: tenant.workspaceId, portal: tenant.portalId });
  await page.goto(`/console/w/${tenant.workspaceId}/portals/${tenant.portalId}`);
  await page.getByLabel("Slug").fill("Not A Slug");
  await page.getByLabel("Display name").fill("Never saved");
  await page.getByRole("button", { name: "Save changes" }).click();

  const slug = page.getByLabel("Slug");
  await expect(page.locator(".cp-alert")).toHaveText("Check the highlighted fields: nothing was saved.");
  await expect(page.locator(".cp-alert")).toHaveAttribute("role", "alert");
  await expect(slug).toHaveAttribute("aria-invalid", "true");
  await expect(slug).toBeFocused();
  await expect(page.locator("#portal-slug-error")).toHaveText(/^Invalid slug: a slug is 3–64 characters of lowercase letters/);
  await expect(slug).toHaveAttribute("aria-describedby", /portal-slug-error/);
  await expect(page.getByLabel("Display name")).not.toHaveAttribute("aria-invalid", "true");
  expect(await keyport.operator<PortalConfig>("portals.get", { workspaceId: tenant.workspaceId, portal: tenant.portalId })).toEqual(before);
});

test("disable refuses the portal's links; Open as a test user still opens a signed-in preview tab", async ({ page, keyport, consoleAs }) => {
  const tenant = await keyport.tenant();
  await tenant.createKey({ externalId: "qa-user", name: "QA key" });
  const minted = await tenant.createSession({ externalId: "user_1" });
  const { sessionId } = await consoleAs({ workspaceId: tenant.workspaceId });
  await page.goto(`/console/w/${tenant.workspaceId}/portals/${tenant.portalId}`);

  await page.getByRole("button", { name: "Disable portal" }).click();
  await expect(page.getByTestId("portal-state")).toHaveText("Disabled");
  expect((await keyport.operator<PortalConfig>("portals.get", { workspaceId: tenant.workspaceId, portal: tenant.portalId })).enabled).toBe(false);
  // A link minted before is refused, and so is a new one.
  const visitor = await page.context().browser()!.newPage();
  await visitor.goto(minted.url);
  await visitor.waitForURL(/\/ended\?reason=invalid_link$/);
  await visitor.close();
  await expect(tenant.createSession({ externalId: "user_2" })).rejects.toThrow(/403.*This portal is disabled/);

  // A test user's preview opens anyway, in a new tab, signed in, with changes turned off.
  await page.getByLabel("Test user (externalId)").fill("qa-user");
  const [tab] = await Promise.all([page.context().waitForEvent("page"), page.getByRole("button", { name: "Open as a test user" }).click()]);
  await tab.waitForURL(new RegExp(`/portal/${tenant.portalId}/keys$`));
  await expect(tab.getByTestId("signed-in-as")).toHaveText("qa-user");
  await expect(tab.getByRole("note")).toContainText("Changes are turned off");
  await expect(tab.getByRole("cell", { name: "QA key", exact: true })).toBeVisible();
  await expect(tab.getByRole("button", { name: "Create key" })).toBeDisabled();
  expect(await tab.evaluate(() => window.opener)).toBeNull();
  await tab.close();

  await page.getByRole("button", { name: "Enable portal" }).click();
  await expect(page.getByTestId("portal-state")).toHaveText("Enabled");
  await expect(tenant.createSession({ externalId: "user_2" })).resolves.toMatchObject({ url: expect.stringContaining("/portal/") });
  // Each change is in the audit log under the console session, newest first.
  const events = await keyport.operator<{ event: string; actor: { type: string; id: string } }[]>("audit.list", { workspaceId: tenant.workspaceId, limit: 100 });
  const byConsole = events.filter((e) => e.actor.type === "console");
  expect(byConsole.map((e) => e.event)).toEqual(["portal.enable", "portal.session.create", "portal.disable", "console.session.create"]);
  expect(byConsole.every((e) => e.actor.id === sessionId)).toBe(true);
});

test("delete asks for the slug typed exactly, then the portal and its links are gone", async ({ page, keyport, consoleAs }) => {
  const tenant = await keyport.tenant();
  const link = await tenant.createSession({ externalId: "user_1" });
  await consoleAs({ workspaceId: tenant.workspaceId });
  await page.goto(`/console/w/${tenant.workspaceId}/portals/${tenant.portalId}`);
  await page.getByRole("button", { name: `Delete portal ${tenant.slug}` }).click();
  const dialog = page.getByRole("dialog");
  const confirm = dialog.getByRole("button", { name: "Delete portal" });
  await expect(confirm).toBeDisabled();
  await dialog.getByTestId("typed-confirmation").fill(tenant.slug.toUpperCase());
  await expect(confirm).toBeDisabled();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  expect((await portalsOf(keyport, tenant.workspaceId)).map((p) => p.slug)).toEqual([tenant.slug]);

  await page.getByRole("button", { name: `Delete portal ${tenant.slug}` }).click();
  await dialog.getByTestId("typed-confirmation").fill(tenant.slug);
  await dialog.getByRole("button", { name: "Delete portal" }).click();
  await page.waitForURL(new RegExp(`/console/w/${tenant.workspaceId}/portals\\?deleted=${tenant.slug}$`));
  await expect(page.getByRole("status")).toContainText(`Portal ${tenant.slug} deleted`);
  await expect(page.getByRole("heading", { name: "No portals yet" })).toBeVisible();
  expect(await portalsOf(keyport, tenant.workspaceId)).toEqual([]);
  await page.goto(link.url);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("We can’t find this portal");
});

test("a workspace admin cannot open another workspace's portal, also by editing the address", async ({ page, keyport, consoleAs }) => {
  const mine = await keyport.tenant();
  const theirs = await keyport.tenant();
  await consoleAs({ workspaceId: mine.workspaceId });
  for (const path of [`/console/w/${theirs.workspaceId}/portals`, `/console/w/${theirs.workspaceId}/portals/${theirs.portalId}`, `/console/w/${mine.workspaceId}/portals/${theirs.portalId}`, `/console/w/${theirs.workspaceId}/portals/new`]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByText(theirs.slug)).toHaveCount(0);
  }
});

for (const colorScheme of ["light", "dark"] as const) {
  for (const width of [1280, 390]) {
    test.describe(`${colorScheme}, ${width} px`, () => {
      test.use({ colorScheme, viewport: { width, height: width > 600 ? 900 : 844 } });

      test("list, new and edit pages pass axe; screenshots", async ({ page, keyport, consoleAs }) => {
        const tenant = await keyport.tenant({
          portal: { displayName: "Acme Developers", primaryColor: "#0f766e", docsMarkdown: "Ask **support**.", keyTemplate: { prefix: "acme", credits: { remaining: 500 }, ratelimits: [{ name: "requests", limit: 100, duration: 60000 }] } },
        });
        await consoleAs({ workspaceId: tenant.workspaceId });
        const suffix = `${colorScheme}-${width}`;

        await page.goto(`/console/w/${tenant.workspaceId}/portals`);
        await expect(page.getByTestId("portals-table")).toBeVisible();
        await expectAccessible(page, `portals list (${suffix})`);
        await shot(page, `console-portals-list-${suffix}`);

        await page.goto(`/console/w/${tenant.workspaceId}/portals/new`);
        await expect(preview(page).locator(".keys-table tbody tr")).toHaveCount(4);
        await expectAccessible(page, `new portal (${suffix})`);
        await shot(page, `console-portals-new-${suffix}`);
        await page.getByRole("button", { name: "Create portal" }).click();
        await expect(page.locator(".cp-alert")).toBeVisible();
        await expectAccessible(page, `new portal with errors (${suffix})`);

        await page.goto(`/console/w/${tenant.workspaceId}/portals/${tenant.portalId}`);
        await expect(preview(page).locator(".p-brand-name")).toHaveText("Acme Developers");
        await expectAccessible(page, `edit portal (${suffix})`);
        await shot(page, `console-portals-edit-${suffix}`);
        await page.getByRole("radio", { name: colorScheme === "light" ? "Dark" : "Light" }).check();
        await page.getByRole("radio", { name: "Docs" }).check();
        await expect(preview(page).getByTestId("docs-note")).toBeVisible();
        await expectAccessible(page, `edit portal, preview in the other theme (${suffix})`);
        await shot(page, `console-portals-edit-docs-other-theme-${suffix}`);
      });
    });
  }
}
