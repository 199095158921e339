import type { Page } from "@playwright/test";
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
  await page.getByLabel("Key", { exact: true }).selectOption({ label: `Metered (${b.key.slice(0, 9)}…)` });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("stat-total")).toHaveText("2");
  await expect(page.getByTestId("stat-rejected")).toHaveText("1");
  await page.getByRole("link", { name: "30 days" }).click();
  await expect(page).toHaveURL(/range=30d/);
  await expect(page.getByTestId("stat-total")).toHaveText("2");
  await expect(page.getByRole("img", { name: /Verifications per day/ })).toBeVisible();
});

/** Waits until the batched verification events reach the usage page (stat-total shows `total`). */
async function waitForUsage(page: Page, total: string) {
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("stat-total")).toHaveText(total, { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
}

test("usage times are in the viewer's time zone, and say which", async ({ browser, keyport }) => {
  const tenant = await keyport.tenant();
  const a = await tenant.createKey({ externalId: "user_tz", name: "Main" });
  expect((await tenant.verify(a.key)).valid).toBe(true);

  const rows: Record<string, { dateTime: string; text: string }> = {};
  for (const timezoneId of ["UTC", "Asia/Tokyo"]) {
    const context = await browser.newContext({ timezoneId });
    const page = await context.newPage();
    await page.goto((await tenant.createSession({ externalId: "user_tz" })).url);
    await expect(page.getByTestId("signed-in-as")).toHaveText("user_tz");
    await page.goto(`/portal/${tenant.portalId}/analytics`);
    await waitForUsage(page, "1");
    // The first visit draws UTC, learns the browser's zone and redraws once.
    await expect(page.getByTestId("time-zone")).toHaveText(timezoneId === "UTC" ? "Times in UTC" : "Times in Asia/Tokyo (GMT+9)");
    await expect(page.getByRole("img", { name: timezoneId === "UTC" ? /times in UTC/ : /times in Asia\/Tokyo/ })).toBeVisible();
    await page.getByText("Show as a table").click();
    const last = page.locator("details.data-table tbody tr").last().locator("time");
    rows[timezoneId] = { dateTime: (await last.getAttribute("datetime")) ?? "", text: await last.innerText() };
    await context.close();
  }
  // The same hour, written 9 hours apart.
  const utc = rows.UTC;
  const tokyo = rows["Asia/Tokyo"];
  expect(tokyo?.dateTime).toBe(utc?.dateTime);
  const hour = new Date(utc?.dateTime ?? "");
  const fmt = (timeZone: string) => new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(hour);
  expect(utc?.text).toBe(fmt("UTC"));
  expect(tokyo?.text).toBe(fmt("Asia/Tokyo"));
  expect(tokyo?.text).not.toBe(utc?.text);
});

test("without JavaScript the usage tab is in UTC and says so", async ({ browser, keyport }) => {
  const tenant = await keyport.tenant();
  const a = await tenant.createKey({ externalId: "user_nojs", name: "Main" });
  expect((await tenant.verify(a.key)).valid).toBe(true);
  // The one-time link is redeemed by script: sign in with it on, then browse with it off.
  const signIn = await browser.newContext();
  const landing = await signIn.newPage();
  await landing.goto((await tenant.createSession({ externalId: "user_nojs" })).url);
  await expect(landing.getByTestId("signed-in-as")).toHaveText("user_nojs");
  const storageState = await signIn.storageState();
  await signIn.close();
  const context = await browser.newContext({ javaScriptEnabled: false, timezoneId: "Asia/Tokyo", storageState });
  const page = await context.newPage();
  await page.goto(`/portal/${tenant.portalId}/analytics`);
  await waitForUsage(page, "1");
  await expect(page.getByTestId("time-zone")).toHaveText("Times in UTC");
  await context.close();
});

test("the key picker tells same-named keys apart, and an empty window draws no chart", async ({ page, keyport }) => {
  const tenant = await keyport.tenant();
  const one = await tenant.createKey({ externalId: "user_picker", name: "Staging" });
  const two = await tenant.createKey({ externalId: "user_picker", name: "Staging" });
  await page.goto((await tenant.createSession({ externalId: "user_picker" })).url);
  await page.getByRole("link", { name: "Usage" }).click();
  const options = page.getByLabel("Key", { exact: true }).locator("option");
  await expect(options).toHaveCount(3);
  const labels = await options.allInnerTexts();
  expect(labels[0]).toBe("All keys");
  for (const key of [one.key, two.key]) expect(labels).toContain(`Staging (${key.slice(0, 9)}…)`);
  expect(new Set(labels).size).toBe(3);

  // Nothing verified yet: a message, no axes, legend, gridlines or table.
  const empty = page.getByTestId("usage-empty");
  await expect(empty.getByRole("heading", { name: "No verifications in the last 24 hours" })).toBeVisible();
  await expect(page.locator("main svg, .chart, .legend, .chart-grid, details.data-table")).toHaveCount(0);
  await shot(page, "usage-empty");
});

test("on a phone the chart is tall enough and its labels never overlap", async ({ page, keyport }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const tenant = await keyport.tenant();
  const a = await tenant.createKey({ externalId: "user_phone_chart", name: "Main" });
  for (let i = 0; i < 3; i++) await tenant.verify(a.key);
  await page.goto((await tenant.createSession({ externalId: "user_phone_chart" })).url);
  await expect(page.getByTestId("signed-in-as")).toHaveText("user_phone_chart");
  await page.goto(`/portal/${tenant.portalId}/analytics`);
  await waitForUsage(page, "3");

  for (const range of ["24 hours", "7 days", "30 days"]) {
    await page.getByRole("link", { name: range }).click();
    await expect(page.getByRole("link", { name: range })).toHaveAttribute("aria-current", "true");
    const chart = page.getByTestId("usage-chart");
    const plot = await chart.locator(".chart-plot").boundingBox();
    expect(plot?.height ?? 0, `plot height, ${range}`).toBeGreaterThanOrEqual(180);
    const boxes = await chart.locator(".chart-y-label, .chart-x-label").evaluateAll((els) =>
      els.filter((el) => el.getBoundingClientRect().width > 0).map((el) => ({ text: el.textContent ?? "", ...el.getBoundingClientRect().toJSON() }) as { text: string; x: number; y: number; width: number; height: number }),
    );
    expect(boxes.filter((b) => b.text === "0")).toHaveLength(1);
    expect(boxes.length).toBeGreaterThanOrEqual(4);
    const card = await chart.boundingBox();
    for (const [i, p] of boxes.entries()) {
      // Inside the chart's box, and clear of every other label.
      expect(p.x, `${p.text} inside, ${range}`).toBeGreaterThanOrEqual((card?.x ?? 0) - 1);
      expect(p.x + p.width, `${p.text} inside, ${range}`).toBeLessThanOrEqual((card?.x ?? 0) + (card?.width ?? 0) + 1);
      for (const q of boxes.slice(i + 1)) {
        const apart = p.x + p.width <= q.x || q.x + q.width <= p.x || p.y + p.height <= q.y || q.y + q.height <= p.y;
        expect(apart, `"${p.text}" and "${q.text}" overlap, ${range}`).toBe(true);
      }
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  }
});
