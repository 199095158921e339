import { READ_ONLY, expect, test } from "./fixtures/portal-session";
import { shot } from "./fixtures/screenshots";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

test("create → copy → reload: the key is shown once and works", async ({ page, keyport }) => {
  const tenant = await keyport.tenant({ prefix: "acme" });
  await page.goto((await tenant.createSession({ externalId: "user_create" })).url);
  await expect(page.getByText("No API keys yet")).toBeVisible();

  await page.getByRole("button", { name: "Create key" }).first().click();
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

test("roll a key with a grace period: both keys work, and the new one is shown once", async ({ page, keyport }) => {
  const tenant = await keyport.tenant();
  const old = await tenant.createKey({ externalId: "user_roll", name: "Worker" });
  await page.goto((await tenant.createSession({ externalId: "user_roll" })).url);

  await page.getByRole("button", { name: "Roll Worker" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel(/stops working in 15 minutes/).check();
  await dialog.getByRole("button", { name: "Roll key" }).click();
  const reveal = page.getByRole("dialog", { name: "Your rolled API key" });
  const fresh = await reveal.getByTestId("new-key").inputValue();
  expect(fresh).not.toBe(old.key);
  await reveal.getByRole("checkbox").check();
  await reveal.getByRole("button", { name: "Done" }).click();

  expect((await tenant.verify(fresh)).valid).toBe(true);
  expect((await tenant.verify(old.key)).valid).toBe(true); // still inside its 15-minute grace

  // The old key stays listed until its grace ends, with its new expiry; the new key is the newest row.
  await expect(page.getByRole("cell", { name: "Worker", exact: true })).toHaveCount(2);
  // Rolling the new key "immediately" stops it at once.
  await page.getByRole("button", { name: "Roll Worker" }).last().click();
  await page.getByRole("dialog").getByLabel("Stop the current key immediately").check();
  await page.getByRole("dialog").getByRole("button", { name: "Roll key" }).click();
  const third = await page.getByRole("dialog", { name: "Your rolled API key" }).getByTestId("new-key").inputValue();
  await page.getByRole("dialog", { name: "Your rolled API key" }).getByRole("checkbox").check();
  await page.getByRole("dialog", { name: "Your rolled API key" }).getByRole("button", { name: "Done" }).click();
  expect((await tenant.verify(third)).valid).toBe(true);
  expect((await tenant.verify(fresh)).valid).toBe(false);
});

test("rename and revoke", async ({ page, keyport }) => {
  const tenant = await keyport.tenant();
  const key = await tenant.createKey({ externalId: "user_edit", name: "Old name" });
  await page.goto((await tenant.createSession({ externalId: "user_edit" })).url);

  await page.getByRole("button", { name: "Rename Old name" }).click();
  await page.getByRole("dialog").getByLabel("Name").fill("Billing service");
  await page.getByRole("dialog").getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("cell", { name: "Billing service", exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Old name", exact: true })).toHaveCount(0);

  await page.getByRole("button", { name: "Revoke Billing service" }).click();
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
  await expect(page.getByRole("button", { name: /Create key|Rename|Roll|Revoke/ })).toHaveCount(0);
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

test("the table pages through many keys and filters by name on the server", async ({ page, keyport }) => {
  const tenant = await keyport.tenant();
  for (let i = 0; i < 30; i++) await tenant.createKey({ externalId: "user_many", name: `svc-${String(i).padStart(2, "0")}` });
  await tenant.createKey({ externalId: "user_many", name: "special-billing" });
  await page.goto((await tenant.createSession({ externalId: "user_many", permissions: READ_ONLY })).url);

  await expect(page.getByRole("row")).toHaveCount(26); // header + 25
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page.getByRole("row")).toHaveCount(7); // header + 6
  await expect(page.getByRole("link", { name: "Next page" })).toHaveCount(0);

  await page.getByRole("searchbox", { name: "Filter keys by name" }).fill("billing");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/q=billing/);
  await expect(page.getByRole("row")).toHaveCount(2);
  await expect(page.getByRole("cell", { name: "special-billing", exact: true })).toBeVisible();
});
