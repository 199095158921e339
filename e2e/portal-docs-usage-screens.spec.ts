import { expectAccessible } from "./fixtures/axe";
import { expect, test } from "./fixtures/portal-session";
import { shot } from "./fixtures/screenshots";

/**
 * The docs tab with a full note, and the usage tab with data in each range and with none, in both
 * colour schemes at a desktop and a phone width: axe (WCAG 2 AA) on each, and a screenshot
 * (e2e/artifacts/screenshots/screens-*) for a person to look at.
 */
const NOTE = [
  "## Using your key",
  "",
  "Send it on **every** request. Keys are shown *once*: keep yours in your server's secret store.",
  "",
  "- Each key allows 100 requests a minute",
  "- Lost one? **Roll** it and update your app",
  "",
  "### Rotating keys",
  "",
  "1. Create a new key",
  "2. Deploy it",
  "3. Revoke the old one",
  "",
  "> Questions? See [the API reference](https://docs.acme.test/api).",
  "",
  "```bash",
  'curl https://api.acme.test/v1/things?limit=10&include=everything -H "Authorization: Bearer $ACME_API_KEY"',
  "```",
].join("\n");

test("docs and usage screens pass axe and are saved for review", async ({ browser, keyport }) => {
  test.setTimeout(180_000);
  const tenant = await keyport.tenant({ prefix: "acme", portal: { displayName: "Acme Cloud", apiBaseUrl: "https://api.acme.test/v1", docsMarkdown: NOTE } });
  const main = await tenant.createKey({ externalId: "alice", name: "Production" });
  const metered = await tenant.createKey({ externalId: "alice", name: "Metered", credits: { remaining: 2 } });
  await tenant.createKey({ externalId: "alice", name: "Staging" });
  await tenant.createKey({ externalId: "alice", name: "Staging" });
  await tenant.createKey({ externalId: "bob", name: "Unused" });
  for (let i = 0; i < 6; i++) await tenant.verify(main.key);
  for (let i = 0; i < 4; i++) await tenant.verify(metered.key);

  for (const colorScheme of ["light", "dark"] as const) {
    for (const width of [1280, 390]) {
      const tag = `${width}-${colorScheme}`;
      const context = await browser.newContext({ colorScheme, viewport: { width, height: width > 600 ? 900 : 844 }, timezoneId: "Europe/Berlin" });
      const page = await context.newPage();
      const check = async (screen: string) => {
        await expectAccessible(page, `${screen} (${tag})`);
        await shot(page, `screens-${screen}-${tag}`);
      };

      await page.goto((await tenant.createSession({ externalId: "alice" })).url);
      await expect(page.getByTestId("signed-in-as")).toHaveText("alice");
      await page.goto(`/portal/${tenant.portalId}/docs`);
      await expect(page.getByRole("button", { name: "Copy curl example" })).toBeVisible();
      await check("docs");

      await page.goto(`/portal/${tenant.portalId}/analytics`);
      await expect(async () => {
        await page.reload();
        await expect(page.getByTestId("stat-total")).toHaveText("10", { timeout: 1000 });
      }).toPass({ timeout: 20_000 });
      await expect(page.getByTestId("time-zone")).toContainText("Europe/Berlin");
      await check("usage-24h");
      for (const [range, name] of [["7d", "7 days"], ["30d", "30 days"]]) {
        await page.getByRole("link", { name }).click();
        await expect(page).toHaveURL(new RegExp(`range=${range}`));
        await expect(page.getByTestId("usage-chart")).toBeVisible();
        await check(`usage-${range}`);
      }
      await page.getByText("Show as a table").click();
      await check("usage-table");

      await context.clearCookies(); // bob signs in afresh (no "stay signed in as alice?" prompt)
      await page.goto((await tenant.createSession({ externalId: "bob" })).url);
      await expect(page.getByTestId("signed-in-as")).toHaveText("bob");
      await page.goto(`/portal/${tenant.portalId}/analytics`);
      await expect(page.getByTestId("usage-empty")).toBeVisible();
      await check("usage-empty");
      await context.close();
    }
  }
});
