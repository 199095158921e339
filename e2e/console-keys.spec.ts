import { type APIRequestContext, type Page, request as requests } from "@playwright/test";
import { expectAccessible } from "./fixtures/axe";
import { expect, test } from "./fixtures/console";
import type { KeyportClient, Tenant } from "./fixtures/portal-session";
import { shot } from "./fixtures/screenshots";

/**
 * The console's keys and sessions (docs/console.md "Keys and sessions"): one search box finds a key by
 * its id, its id's first characters, the start of the key, its name or its owner's externalId; the
 * key's page disables it, changes its credits and deletes it — each seen by keys.verifyKey at once;
 * an end user's portal sessions are revoked one or all, and a revoked session answers 401 on the
 * portal API at its next call; another workspace's key is a 404 however the address is edited.
 */

/** `acme_` + the four characters a key's `start` keeps. */
const startOf = (key: string) => key.slice(0, key.indexOf("_") + 5);

async function searchFor(page: Page, q: string) {
  const box = page.getByRole("searchbox", { name: /Search keys/ });
  await box.fill(q);
  await box.press("Enter");
  await page.waitForURL((u) => u.searchParams.get("q") === q);
}

/**
 * The portal-session exchange as a browser of its own does it (a fresh cookie jar each time, from the
 * portal's origin): the access token and the sealed cookie.
 */
async function exchange(url: string): Promise<{ token: string; cookie: string }> {
  const code = new URL(url).searchParams.get("session");
  const browser = await requests.newContext({ baseURL: new URL(url).origin });
  const res = await browser.post("/v2/portal.exchangeCode", { data: { code }, headers: { Origin: new URL(url).origin } });
  expect(res.status()).toBe(200);
  const token = ((await res.json()) as { data: { accessToken: string } }).data.accessToken;
  const cookie = (res.headers()["set-cookie"] ?? "").split(";")[0] ?? "";
  expect(cookie).toMatch(/^portal_session=/);
  await browser.dispose();
  return { token, cookie };
}

const getSession = (request: APIRequestContext, auth: { token?: string; cookie?: string }) =>
  request.post("/v2/portal.getSession", {
    data: {},
    headers: auth.token ? { Authorization: `Bearer ${auth.token}` } : { Cookie: auth.cookie ?? "" },
  });

async function seedTenant(keyport: KeyportClient): Promise<{ tenant: Tenant; target: { keyId: string; key: string } }> {
  const tenant = await keyport.tenant({ prefix: "acme" });
  for (const [name, externalId] of [
    ["Staging box", "bob_42"],
    ["CI runner", "carol"],
  ]) {
    await tenant.createKey({ externalId: externalId as string, name });
  }
  const target = await tenant.createKey({ externalId: "alice_7%_x", name: "Production Server" });
  return { tenant, target };
}

test("one search box finds a key by id, id prefix, start, name (any case) and owner's externalId; a search for nothing says so", async ({ page, keyport, consoleAs }) => {
  const { tenant, target } = await seedTenant(keyport);
  await consoleAs({ workspaceId: tenant.workspaceId });
  await page.goto(`/console/w/${tenant.workspaceId}/keys`);
  await expect(page.getByRole("heading", { name: "Keys", level: 1 })).toBeVisible();
  // Without a term: every key, newest first.
  await expect(page.getByTestId("key-link")).toHaveText(["Production Server", "CI runner", "Staging box"]);

  for (const q of [target.keyId, target.keyId.slice(0, 10), startOf(target.key), "production s", "PRODUCTION", "alice_7%"]) {
    await searchFor(page, q);
    await expect(page.getByTestId("key-link"), q).toHaveText(["Production Server"]);
    const row = page.getByTestId("keys-table").locator("tbody tr").first();
    await expect(row).toContainText("alice_7%_x");
    await expect(row).toContainText(startOf(target.key));
    await expect(row.getByTestId("key-status")).toHaveText("Active");
  }
  // `%` and `_` are themselves: "alice_7_" is not a prefix of "alice_7%_x".
  await searchFor(page, "alice_7_");
  await expect(page.getByRole("heading", { name: "No key matches “alice_7_”" })).toBeVisible();
  await page.getByRole("link", { name: "Clear search" }).click();
  await expect(page.getByTestId("key-link")).toHaveCount(3);
});

test("the key page: disable → DISABLED, credits → verify shows what is left, delete after typing its name → NOT_FOUND", async ({ page, keyport, consoleAs }) => {
  const { tenant, target } = await seedTenant(keyport);
  await consoleAs({ workspaceId: tenant.workspaceId });
  await page.goto(`/console/w/${tenant.workspaceId}/keys?q=${encodeURIComponent("production")}`);
  await page.getByTestId("key-link").first().click();
  await page.waitForURL((u) => u.pathname.endsWith(`/keys/${target.keyId}`));
  await expect(page.getByRole("heading", { name: "Production Server", level: 1 })).toBeVisible();
  await expect(page.getByTestId("key-owner")).toContainText("alice_7%_x");
  await expect(page.getByTestId("key-credits")).toHaveText("Unlimited");

  // Disable: the next verification says DISABLED; enable again: VALID.
  await page.getByTestId("key-toggle").click();
  await expect(page.getByTestId("key-toggle")).toHaveText("Enable key");
  await expect(page.getByTestId("key-status")).toHaveText("Disabled");
  expect((await tenant.verify(target.key)).code).toBe("DISABLED");
  await page.getByTestId("key-toggle").click();
  await expect(page.getByTestId("key-toggle")).toHaveText("Disable key");
  expect((await tenant.verify(target.key)).code).toBe("VALID");

  // Credits: a bad number is explained in the form and changes nothing; set 10 → verify spends one → 9.
  await page.getByRole("button", { name: "Change credits" }).click();
  const dialog = page.getByRole("dialog", { name: "Change credits" });
  await dialog.getByTestId("credits-value").fill("ten");
  await dialog.getByRole("button", { name: "Save credits" }).click();
  await expect(dialog.getByRole("alert")).toContainText("whole number");
  await dialog.getByTestId("credits-value").fill("10");
  await dialog.getByRole("button", { name: "Save credits" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("key-credits")).toHaveText("10 left");
  const spent = (await tenant.verify(target.key)) as { valid: boolean; credits?: number };
  expect(spent).toMatchObject({ valid: true, credits: 9 });
  await page.reload();
  await expect(page.getByTestId("key-credits")).toHaveText("9 left");
  // Add 5, then unlimited.
  await page.getByRole("button", { name: "Change credits" }).click();
  await dialog.getByLabel(/^Add/).check();
  await dialog.getByTestId("credits-value").fill("5");
  await dialog.getByRole("button", { name: "Save credits" }).click();
  await expect(page.getByTestId("key-credits")).toHaveText("14 left");
  expect(((await tenant.verify(target.key)) as { credits?: number }).credits).toBe(13);
  await page.getByRole("button", { name: "Change credits" }).click();
  await dialog.getByLabel(/^Unlimited/).check();
  await dialog.getByRole("button", { name: "Save credits" }).click();
  await expect(page.getByTestId("key-credits")).toHaveText("Unlimited");
  expect((await tenant.verify(target.key)) as { credits?: number }).not.toHaveProperty("credits");

  // Delete: the button waits for the exact name; then the key is gone.
  await page.getByRole("button", { name: "Delete key" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete this key?" });
  const submit = confirm.getByRole("button", { name: "Delete key" });
  await confirm.getByTestId("typed-confirmation").fill("production server");
  await expect(submit).toBeDisabled();
  expect((await tenant.verify(target.key)).code).toBe("VALID");
  await confirm.getByTestId("typed-confirmation").fill("Production Server");
  await submit.click();
  await page.waitForURL((u) => u.pathname === `/console/w/${tenant.workspaceId}/keys`);
  await expect(page.getByTestId("key-deleted")).toContainText(target.keyId);
  await expect(page.getByTestId("key-link")).toHaveText(["CI runner", "Staging box"]);
  expect((await tenant.verify(target.key)).code).toBe("NOT_FOUND");
  const gone = await page.goto(`/console/w/${tenant.workspaceId}/keys/${target.keyId}`);
  expect(gone?.status()).toBe(404);

  // The audit log names the console session for each change.
  const events = await keyport.operator<{ actor: { type: string; id: string }; event: string; resourceId?: string }[]>("audit.list", { workspaceId: tenant.workspaceId, limit: 100 });
  const mine = events.filter((e) => e.resourceId === target.keyId && e.actor.type === "console").map((e) => e.event);
  expect(mine).toEqual(["key.delete", "key.update_credits", "key.update_credits", "key.update_credits", "key.update", "key.update"]);
});

test("sessions by end user: revoke one → that session is 401 at once (Bearer and cookie), revoke all → every one", async ({ page, keyport, consoleAs }) => {
  const tenant = await keyport.tenant();
  await tenant.createKey({ externalId: "dana", name: "Dana's key" });
  const first = await tenant.createSession({ externalId: "dana" });
  const a = await exchange(first.url);
  const second = await tenant.createSession({ externalId: "dana" });
  const b = await exchange(second.url);
  const other = await tenant.createSession({ externalId: "erin" });
  const e = await exchange(other.url);
  for (const s of [a, b, e]) expect((await getSession(page.request, { token: s.token })).status()).toBe(200);

  await consoleAs({ workspaceId: tenant.workspaceId });
  await page.goto(`/console/w/${tenant.workspaceId}/sessions`);
  await expect(page.getByRole("heading", { name: "Find an end user’s sessions" })).toBeVisible();
  const box = page.getByRole("searchbox", { name: "End user’s externalId" });
  await box.fill("dana");
  await box.press("Enter");
  await expect(page.getByTestId("sessions-of")).toHaveText("dana");
  const rows = page.getByTestId("sessions-table").locator("tbody tr");
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText(second.id);
  await expect(rows.getByTestId("session-state")).toHaveText(["Active", "Active"]);

  // Revoke the older one: its next call is refused, by token and by cookie; the other goes on.
  await page.getByRole("button", { name: new RegExp(`^Revoke session ${first.id} `) }).click();
  await expect(rows.getByTestId("session-state")).toHaveText(["Active", "Revoked"]);
  expect((await getSession(page.request, { token: a.token })).status()).toBe(401);
  expect((await getSession(page.request, { cookie: a.cookie })).status()).toBe(401);
  expect((await getSession(page.request, { token: b.token })).status()).toBe(200);

  // Revoke all of dana's: the rest end; erin is untouched.
  await page.getByRole("button", { name: "Revoke all sessions" }).click();
  const dialog = page.getByRole("dialog", { name: "Revoke every session of dana?" });
  await dialog.getByRole("button", { name: "Revoke all" }).click();
  await expect(page.getByTestId("revoked-count")).toHaveText("1 session revoked.");
  await expect(rows.getByTestId("session-state")).toHaveText(["Revoked", "Revoked"]);
  expect((await getSession(page.request, { token: b.token })).status()).toBe(401);
  expect((await getSession(page.request, { cookie: b.cookie })).status()).toBe(401);
  expect((await getSession(page.request, { token: e.token })).status()).toBe(200);

  const events = await keyport.operator<{ actor: { type: string }; event: string; resourceId?: string }[]>("audit.list", { workspaceId: tenant.workspaceId, limit: 100 });
  expect(events.filter((x) => x.event === "portal.session.revoke" && x.actor.type === "console").map((x) => x.resourceId)).toEqual([second.id, first.id]);
});

test("a workspace admin cannot open another workspace's key or sessions by editing the address (404)", async ({ page, keyport, consoleAs }) => {
  const mine = await keyport.tenant({ name: "Mine Keys Inc" });
  const theirs = await keyport.tenant({ name: "Theirs Keys Inc" });
  const theirKey = await theirs.createKey({ externalId: "zed", name: "Their secret key" });
  await consoleAs({ workspaceId: mine.workspaceId });
  for (const path of [`/console/w/${mine.workspaceId}/keys/${theirKey.keyId}`, `/console/w/${theirs.workspaceId}/keys/${theirKey.keyId}`, `/console/w/${theirs.workspaceId}/keys`, `/console/w/${theirs.workspaceId}/sessions?externalId=zed`]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(page.getByText("Their secret key")).toHaveCount(0);
  }
  // And their key is not found by searching in mine.
  await page.goto(`/console/w/${mine.workspaceId}/keys?q=${theirKey.keyId}`);
  await expect(page.getByRole("heading", { name: `No key matches “${theirKey.keyId}”` })).toBeVisible();
});

for (const colorScheme of ["light", "dark"] as const) {
  for (const width of [1280, 390]) {
    test.describe(`${colorScheme}, ${width} px`, () => {
      test.use({ colorScheme, viewport: { width, height: width > 600 ? 900 : 844 } });
      const tag = `${width}-${colorScheme}`;

      test("the keys, key and sessions pages pass axe", async ({ page, keyport, consoleAs }) => {
        const { tenant, target } = await seedTenant(keyport);
        await tenant.v2("keys.updateKey", {
          keyId: target.keyId,
          meta: { plan: "pro", region: "eu-west-1" },
          credits: { remaining: 500, refill: { interval: "daily", amount: 500 } },
          ratelimits: [{ name: "requests", limit: 100, duration: 60_000, autoApply: true }],
        });
        for (let i = 0; i < 4; i++) await tenant.verify(target.key);
        const rolled = await tenant.createKey({ externalId: "bob_42", name: "Rolled key" });
        await tenant.v2("keys.rerollKey", { keyId: rolled.keyId, expiration: 3_600_000 });
        const off = await tenant.createKey({ externalId: "carol", name: "Turned off" });
        await tenant.v2("keys.updateKey", { keyId: off.keyId, enabled: false });
        await exchange((await tenant.createSession({ externalId: "alice_7%_x" })).url);
        await tenant.createSession({ externalId: "alice_7%_x", preview: true });
        await consoleAs({ workspaceId: tenant.workspaceId });

        const check = async (screen: string) => {
          await expectAccessible(page, `${screen} (${tag})`);
          await shot(page, `console-${screen}-${tag}`);
        };
        await page.goto(`/console/w/${tenant.workspaceId}/keys`);
        await expect(page.getByTestId("key-link").first()).toBeVisible();
        await check("keys");
        await searchFor(page, "nothing-like-this");
        await check("keys-none");
        await page.goto(`/console/w/${tenant.workspaceId}/keys/${target.keyId}`);
        // Verifications reach the chart once the server has flushed them.
        await expect
          .poll(async () => {
            await page.reload();
            return page.getByTestId("usage-total").textContent();
          }, { timeout: 20_000 })
          .toBe("4");
        await check("key");
        await page.getByRole("button", { name: "Change credits" }).click();
        await expect(page.getByRole("dialog")).toBeVisible();
        await check("key-credits");
        await page.keyboard.press("Escape");
        await page.getByRole("button", { name: "Delete key" }).click();
        await expect(page.getByRole("dialog")).toBeVisible();
        await check("key-delete");
        await page.keyboard.press("Escape");
        await page.goto(`/console/w/${tenant.workspaceId}/keys/${rolled.keyId}`);
        await check("key-rolled");
        await page.goto(`/console/w/${tenant.workspaceId}/sessions`);
        await check("sessions-empty");
        await page.goto(`/console/w/${tenant.workspaceId}/sessions?externalId=${encodeURIComponent("alice_7%_x")}`);
        await expect(page.getByTestId("sessions-table")).toBeVisible();
        await check("sessions");
      });
    });
  }
}
