import type { Page } from "@playwright/test";
import { READ_ONLY, expect, test } from "./fixtures/portal-session";
import { shot } from "./fixtures/screenshots";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

/** Opens a row's "⋯" menu (the nth of that name; rows are oldest first) and picks an item. */
async function act(page: Page, keyName: string, item: "Rename" | "Roll" | "Revoke", nth: "first" | "last" = "first") {
  await page.getByRole("button", { name: `Actions for ${keyName}`, exact: true })[nth]().click();
  await page.getByRole("menu").getByRole("menuitem", { name: item }).click();
}

test("create → copy → reload: the key is shown once and works", async ({ page, keyport }) => {
  const tenant = await keyport.tenant({ prefix: "acme" });
  await page.goto((await tenant.createSession({ externalId: "user_create" })).url);
  await expect(page.getByText("No API keys yet")).toBeVisible();

  await page.getByRole("button", { name: "Create your first key" }).click();
  const form = page.getByRole("dialog");
  await form.getByLabel("Name").fill("CI runner");
  await form.getByLabel("Expires").selectOption({ label: "In 30 days" });
  await form.getByRole("button", { name: "Create key" }).click();

  const reveal = page.getByRole("dialog", { name: "Your new API key" });
  await expect(reveal).toBeVisible();
  const secret = await reveal.getByTestId("new-key").inputValue();
  expect(secret).toMatch(/^acme_[1-9A-HJ-NP-Za-km-z]{16,}$/);
  await shot(page, "new-key-dialog");

  await reveal.getByRole("button", { name: "Copy" }).click();
  await expect(reveal.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

  // Cannot be dismissed before the user confirms they copied it.
  await expect(reveal.getByRole("button", { name: "Done" })).toBeDisabled();
  await page.keyboard.press("Escape");
  await expect(reveal).toBeVisible();
  await reveal.getByRole("checkbox", { name: /I have copied this key/ }).check();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();

  const row = page.getByRole("row", { name: /CI runner/ });
  await expect(row).toBeVisible();
  await expect(row).toContainText(secret.slice(0, "acme_".length + 4));
  await expect(row).toContainText(/in 30 days|in 4 weeks|next month/);

  expect((await tenant.verify(secret)).valid).toBe(true);

  await page.reload();
  await expect(page.getByRole("row", { name: /CI runner/ })).toBeVisible();
  expect(await page.content()).not.toContain(secret);
});

test("roll a key with a grace period: both keys work, the new one is shown once, the old row says what replaced it", async ({ page, keyport }) => {
  const tenant = await keyport.tenant();
  const old = await tenant.createKey({ externalId: "user_roll", name: "Worker" });
  await page.goto((await tenant.createSession({ externalId: "user_roll" })).url);

  await act(page, "Worker", "Roll");
  const dialog = page.getByRole("dialog", { name: "Roll “Worker”" });
  await dialog.getByLabel(/stops working in 15 minutes/).check();
  await dialog.getByRole("button", { name: "Roll key" }).click();
  const reveal = page.getByRole("dialog", { name: "Your new key for Worker" });
  const fresh = await reveal.getByTestId("new-key").inputValue();
  expect(fresh).not.toBe(old.key);
  await reveal.getByRole("checkbox").check();
  await reveal.getByRole("button", { name: "Done" }).click();

  expect((await tenant.verify(fresh)).valid).toBe(true);
  expect((await tenant.verify(old.key)).valid).toBe(true); // still inside its 15-minute grace

  // The old key stays listed until its grace ends and names its successor (rows are oldest first).
  const rows = page.getByRole("row").filter({ has: page.getByRole("cell", { name: /^Worker/ }) });
  await expect(rows).toHaveCount(2);
  const freshStart = fresh.slice(0, "acme_".length + 4);
  await expect(rows.first()).toContainText(`Replaced by ${freshStart}… · expires in 15 minutes`);
  // At this width the relation is one line under the name, not a column of fragments.
  expect(await rows.first().getByText("Replaced by").evaluate((el) => el.parentElement!.getBoundingClientRect().height)).toBeLessThan(24);
  await expect(rows.first()).toContainText("Replaced");
  await expect(rows.last()).not.toContainText("Replaced");
  await expect(rows.last()).toContainText(freshStart);
  // A key in grace offers only Revoke (it cannot be rolled again).
  await page.getByRole("button", { name: "Actions for Worker", exact: true }).first().click();
  await expect(page.getByRole("menuitem")).toHaveText(["Revoke"]);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toHaveCount(0);

  // Rolling the new key "immediately" stops it at once.
  await act(page, "Worker", "Roll", "last");
  await page.getByRole("dialog").getByLabel("Stop the current key immediately").check();
  await page.getByRole("dialog").getByRole("button", { name: "Roll key" }).click();
  const reveal2 = page.getByRole("dialog", { name: "Your new key for Worker" });
  const third = await reveal2.getByTestId("new-key").inputValue();
  await reveal2.getByRole("checkbox").check();
  await reveal2.getByRole("button", { name: "Done" }).click();
  expect((await tenant.verify(third)).valid).toBe(true);
  expect((await tenant.verify(fresh)).valid).toBe(false);
  // The first key's successor is gone (revoked by the roll): still marked replaced, no longer named.
  await expect(rows.first()).toContainText("Replaced · expires in");
});

test("rename and revoke", async ({ page, keyport }) => {
  const tenant = await keyport.tenant();
  const key = await tenant.createKey({ externalId: "user_edit", name: "Old name" });
  await page.goto((await tenant.createSession({ externalId: "user_edit" })).url);

  await act(page, "Old name", "Rename");
  await page.getByRole("dialog").getByLabel("Name").fill("Billing service");
  await page.getByRole("dialog").getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("cell", { name: "Billing service", exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Old name", exact: true })).toHaveCount(0);

  await act(page, "Billing service", "Revoke");
  const confirm = page.getByRole("dialog", { name: /Revoke “Billing service”/ });
  await expect(confirm).toContainText("stops working immediately");
  await shot(page, "revoke-dialog");
  await confirm.getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByRole("cell", { name: "Billing service", exact: true })).toHaveCount(0);
  expect((await tenant.verify(key.key)).code).toBe("NOT_FOUND");
});

test("a read-only session sees no write controls, and a forged write is refused", async ({ page, keyport }) => {
  const tenant = await keyport.tenant();
  const key = await tenant.createKey({ externalId: "user_ro", name: "Readable" });
  await page.goto((await tenant.createSession({ externalId: "user_ro", permissions: READ_ONLY })).url);
  await expect(page.getByRole("cell", { name: "Readable", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: /Create key|Rename|Roll|Revoke|Actions/ })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Usage" })).toHaveCount(0);

  const forged = await page.evaluate(
    async ([portalId, keyId]) => {
      const call = async (endpoint: string, body: unknown) => {
        const res = await fetch(`/v2/${endpoint}`, {
          method: "POST",
          headers: { "Content-Type": "application/json", "X-Keyport-Portal": portalId! },
          body: JSON.stringify(body),
          credentials: "same-origin",
        });
        return { status: res.status, type: ((await res.json()) as { error?: { type?: string } }).error?.type };
      };
      return [await call("portal.createKey", { name: "sneaky" }), await call("portal.deleteKey", { keyId }), await call("portal.rerollKey", { keyId, expiration: 0 })];
    },
    [tenant.portalId, key.keyId],
  );
  for (const r of forged) {
    expect(r.status).toBe(403);
    expect(r.type).toContain("/unkey/authorization/insufficient_permissions");
  }
  expect((await tenant.verify(key.key)).valid).toBe(true);
  await page.reload();
  await expect(page.getByText("sneaky")).toHaveCount(0);
});

test("the table pages through many keys and filters by name on the server as you type", async ({ page, keyport }) => {
  const tenant = await keyport.tenant();
  for (let i = 0; i < 30; i++) await tenant.createKey({ externalId: "user_many", name: `svc-${String(i).padStart(2, "0")}` });
  await tenant.createKey({ externalId: "user_many", name: "special-billing" });
  await tenant.createKey({ externalId: "user_many", name: "billing-backup" });
  await page.goto((await tenant.createSession({ externalId: "user_many", permissions: READ_ONLY })).url);

  await expect(page.getByRole("row")).toHaveCount(26); // header + 25
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page.getByRole("row")).toHaveCount(8); // header + 7
  await expect(page.getByRole("link", { name: "Next page" })).toHaveCount(0);

  // No button to press: typing narrows the list (and leaves the second page), the box keeps focus.
  await expect(page.getByRole("button", { name: "Filter" })).toHaveCount(0);
  const box = page.getByRole("searchbox", { name: "Filter keys by name" });
  await box.pressSequentially("billing", { delay: 30 });
  await expect(page).toHaveURL(/\?q=billing$/);
  await expect(page.getByRole("row")).toHaveCount(3);
  await box.pressSequentially("-b");
  await expect(page).toHaveURL(/\?q=billing-b$/);
  await expect(page.getByRole("row")).toHaveCount(2);
  await expect(page.getByRole("cell", { name: "billing-backup", exact: true })).toBeVisible();
  await expect(box).toBeFocused();
  await expect(box).toHaveValue("billing-b");

  // "Clear filter" empties the box too.
  await page.getByRole("link", { name: "Clear filter" }).click();
  await expect(page.getByRole("row")).toHaveCount(26);
  await expect(box).toHaveValue("");
});

test("without JavaScript the filter is a form with a Filter button", async ({ page, browser, keyport }) => {
  const tenant = await keyport.tenant();
  for (const name of ["alpha", "beta", "special-billing"]) await tenant.createKey({ externalId: "user_nojs", name });
  await page.goto((await tenant.createSession({ externalId: "user_nojs", permissions: READ_ONLY })).url);
  await expect(page.getByTestId("signed-in-as")).toHaveText("user_nojs");

  const context = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const plain = await context.newPage();
  await plain.goto(page.url());
  await expect(plain.getByRole("row")).toHaveCount(4);
  await plain.getByRole("searchbox", { name: "Filter keys by name" }).fill("billing");
  await plain.getByRole("button", { name: "Filter" }).click();
  await expect(plain).toHaveURL(/\?q=billing$/);
  await expect(plain.getByRole("row")).toHaveCount(2);
  await expect(plain.getByRole("cell", { name: "special-billing", exact: true })).toBeVisible();
  await context.close();
});

test("the empty keys page offers to create the first key, when the session may", async ({ page, browser, keyport }) => {
  const tenant = await keyport.tenant();
  await page.goto((await tenant.createSession({ externalId: "user_empty" })).url);
  await expect(page.getByRole("heading", { name: "No API keys yet" })).toBeVisible();
  // One call to action while there is nothing to list: the empty state's.
  await expect(page.getByRole("button", { name: /Create/ })).toHaveText(["Create your first key"]);
  await page.getByRole("button", { name: "Create your first key" }).click();
  const form = page.getByRole("dialog", { name: "Create an API key" });
  await form.getByLabel("Name").fill("First");
  await form.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByRole("dialog", { name: "Your new API key" })).toBeVisible();

  const reader = await browser.newPage();
  await reader.goto((await tenant.createSession({ externalId: "user_empty_ro", permissions: READ_ONLY })).url);
  await expect(reader.getByRole("heading", { name: "No API keys yet" })).toBeVisible();
  await expect(reader.getByText("Keys issued to you will appear here.")).toBeVisible();
  await expect(reader.getByRole("button", { name: /Create/ })).toHaveCount(0);
  await reader.close();
});
