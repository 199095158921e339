import { expect, test } from "./fixtures/portal-session";
import { shot } from "./fixtures/screenshots";

test("the usage tab shows verifications made with the user's keys, by outcome", async ({ page, keyport }) => {
  const tenant = await keyport.tenant();
  const a = await tenant.createKey({ externalId: "user_stats", name: "Main" });
  const b = await tenant.createKey({ externalId: "user_stats", name: "Metered", credits: { remaining: 1 } });
  const other = await tenant.createKey({ externalId: "someone_else", name: "Not mine" });
  for (let i = 0; i < 3; i++) expect((await tenant.verify(a.key)).valid).toBe(true);
  expect((await tenant.verify(b.key)).valid).toBe(true);
  expect((await tenant.verify(b.key)).code).toBe("USAGE_EXCEEDED");
  await tenant.verify(other.key);

  await page.goto((await tenant.createSession({ externalId: "user_stats" })).url);
  await page.getByRole("link", { name: "Usage" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Usage" })).toBeVisible();

  // Events are written in batches off the response path: poll until they are in.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("stat-total")).toHaveText("5", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByTestId("stat-valid")).toHaveText("4");
  await expect(page.getByTestId("stat-rejected")).toHaveText("1");
  await expect(page.getByRole("img", { name: /Verifications per hour/ })).toBeVisible();
  await shot(page, "usage");

  // The accessible table behind the chart.
  await page.getByText("Show as a table").click();
  await expect(page.getByRole("table", { name: /Verifications per hour/ })).toBeVisible();

  // Per key, and over 30 days.
  await page.getByLabel("Key", { exact: true }).selectOption({ label: "Metered" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("stat-total")).toHaveText("2");
  await expect(page.getByTestId("stat-rejected")).toHaveText("1");
  await page.getByRole("link", { name: "30 days" }).click();
  await expect(page).toHaveURL(/range=30d/);
  await expect(page.getByTestId("stat-total")).toHaveText("2");
  await expect(page.getByRole("img", { name: /Verifications per day/ })).toBeVisible();
});
