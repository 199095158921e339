import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/console";

/**
 * Workspaces, APIs and root keys in the console (docs/console.md "Workspaces, APIs and root keys"),
 * end to end: what the console creates works through the API at once, what it deletes or revokes stops
 * at once, every change is in the audit log under the console session, and refusals show in the form.
 */

const suffix = () => Math.random().toString(36).slice(2, 8);

/** The secret in the show-once dialog, after confirming it was stored (the dialog then closes). */
async function takeSecret(page: Page): Promise<string> {
  const dialog = page.getByRole("dialog");
  const secret = await dialog.getByTestId("shown-once-secret").inputValue();
  const done = dialog.getByRole("button", { name: "Done" });
  await expect(done).toBeDisabled();
  // It cannot be dismissed before the confirmation.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("I have copied it and stored it somewhere safe.").check();
  await done.click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  return secret;
}

test("the operator creates a workspace: its root key is shown once and works; a taken slug is refused in the form", async ({ page, keyport, consoleAs }) => {
  const { sessionId } = await consoleAs();
  const name = `Console Made ${suffix()}`;
  const slug = `console-${suffix()}`;
  // On a fresh server the list is empty and its one button says so.
  await page.getByRole("button", { name: /^Create (your first )?workspace$/ }).click();
  const dialog = page.getByRole("dialog", { name: "Create a workspace" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Slug (optional)").fill(slug);
  await dialog.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.getByRole("dialog", { name: `Workspace “${name}” is ready` })).toBeVisible();
  const rootKey = await takeSecret(page);
  expect(rootKey).toMatch(/^unkey_/);

  // The list now holds it; the secret is nowhere on the page any more.
  await expect(page.getByRole("link", { name, exact: true })).toBeVisible();
  expect(await page.content()).not.toContain(rootKey);

  // The root key works through the API at once.
  const res = await page.request.post("/v2/apis.createApi", { headers: { Authorization: `Bearer ${rootKey}` }, data: { name: "made with the console's key" } });
  expect(res.status()).toBe(200);

  // The audit log names the console session.
  const workspaces = await keyport.operator<{ workspaces: { workspaceId: string; name: string }[] }>("workspaces.list", {});
  const workspaceId = workspaces.workspaces.find((w) => w.name === name)!.workspaceId;
  const events = await keyport.operator<{ event: string; actor: { type: string; id: string } }[]>("audit.list", { workspaceId, events: ["workspace.create"] });
  expect(events).toEqual([expect.objectContaining({ event: "workspace.create", actor: { type: "console", id: sessionId } })]);

  // The same slug again: the API's refusal, in the form; nothing is created.
  await page.getByRole("button", { name: "Create workspace" }).click();
  await dialog.getByLabel("Name").fill(`${name} again`);
  await dialog.getByLabel("Slug (optional)").fill(slug);
  await dialog.getByRole("button", { name: "Create workspace" }).click();
  await expect(dialog.getByRole("alert")).toHaveText(`Another workspace already uses the slug "${slug}".`);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  const after = await keyport.operator<{ workspaces: { name: string }[] }>("workspaces.list", {});
  expect(after.workspaces.filter((w) => w.name.startsWith(name))).toHaveLength(1);

  // Open it.
  await page.getByRole("link", { name: `Open ${name}` }).click();
  await page.waitForURL((u) => u.pathname === `/console/w/${workspaceId}`);
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(page.getByTestId("count-apis")).toHaveText("1");
});

test("APIs: listed with key counts, created, deleted only after typing the name", async ({ page, keyport, consoleAs }) => {
  const tenant = await keyport.tenant({ name: `APIs Co ${suffix()}` });
  await tenant.createKey({ externalId: "alice" });
  await tenant.createKey({ externalId: "bob" });
  const { sessionId } = await consoleAs({ workspaceId: tenant.workspaceId });
  await page.getByRole("link", { name: "APIs", exact: true }).click();
  await page.waitForURL((u) => u.pathname.endsWith("/apis"));
  const rows = page.getByTestId("apis").locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Production");
  await expect(rows.first().getByTestId("key-count")).toHaveText("2");

  // A name the API refuses: the refusal is shown in the form, nothing is created.
  await page.getByRole("button", { name: "Create API" }).click();
  const create = page.getByRole("dialog", { name: "Create an API" });
  await create.getByLabel("Name").fill("ab");
  await create.getByRole("button", { name: "Create API" }).click();
  await expect(create.getByRole("alert")).toHaveText("Name: Send at least 3 characters.");
  await expect(rows).toHaveCount(1);

  await create.getByLabel("Name").fill("Billing");
  await create.getByLabel("Key prefix (optional)").fill("bill");
  await create.getByRole("button", { name: "Create API" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(rows).toHaveCount(2);
  const billing = rows.filter({ hasText: "Billing" });
  await expect(billing.getByTestId("key-count")).toHaveText("0");
  await expect(billing).toContainText("bill_");
  const apiId = (await billing.locator(".c-id").textContent())!.trim();

  // The API exists for the workspace's backend, and keys created in it carry the prefix.
  const key = await tenant.v2<{ key: string }>("keys.createKey", { apiId });
  expect(key.key).toMatch(/^bill_/);
  await page.reload();
  await expect(rows.filter({ hasText: "Billing" }).getByTestId("key-count")).toHaveText("1");

  // Delete: the button waits for the exact name.
  await page.getByRole("button", { name: "Delete Billing" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete the API “Billing”?" });
  const submit = confirm.getByRole("button", { name: "Delete API" });
  await expect(submit).toBeDisabled();
  await confirm.getByTestId("typed-confirmation").fill("billing");
  await expect(submit).toBeDisabled();
  await confirm.getByTestId("typed-confirmation").fill("Billing");
  await expect(submit).toBeEnabled();
  await submit.click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(rows).toHaveCount(1);

  // Gone for the API too: its key no longer verifies.
  expect((await tenant.verify(key.key)).valid).toBe(false);
  const audit = await keyport.operator<{ event: string; resourceId: string; actor: { type: string; id: string } }[]>("audit.list", { workspaceId: tenant.workspaceId, resourceId: apiId });
  expect(audit.map((e) => [e.event, e.actor.type, e.actor.id])).toEqual([
    ["api.delete", "console", sessionId],
    ["api.create", "console", sessionId],
  ]);
});

test("root keys: created with a permission picker and shown once, they work as picked; revoked, they stop at once", async ({ page, keyport, consoleAs }) => {
  const tenant = await keyport.tenant({ name: `Keys Co ${suffix()}` });
  const { sessionId } = await consoleAs({ workspaceId: tenant.workspaceId });
  await page.getByRole("link", { name: "Root keys", exact: true }).click();
  await page.waitForURL((u) => u.pathname.endsWith("/root-keys"));
  const rows = page.getByTestId("root-keys").locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("default");
  await expect(rows.first()).toContainText("*");

  // Nothing picked: refused in the form.
  await page.getByRole("button", { name: "Create root key" }).click();
  const dialog = page.getByRole("dialog", { name: "Create a root key" });
  await dialog.getByLabel("Name").fill("limited");
  await dialog.getByRole("button", { name: "Create root key" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("Permissions: Pick Full access, or at least one permission.");

  // Create keys, on the Production API only.
  await dialog.getByRole("checkbox", { name: /Create and reroll keys/ }).check();
  await dialog.getByLabel("API permissions apply to").selectOption(tenant.apiId);
  await dialog.getByRole("button", { name: "Create root key" }).click();
  await expect(page.getByRole("dialog", { name: "Your new root key" })).toContainText(`api.${tenant.apiId}.create_key`);
  const limited = await takeSecret(page);
  expect(limited).toMatch(/^unkey_/);
  await expect(rows).toHaveCount(2);
  const row = rows.filter({ hasText: "limited" });
  await expect(row).toContainText(`api.${tenant.apiId}.create_key`);
  await expect(row).toContainText("never");

  // It can do what was picked, and nothing else.
  const call = (path: string, data: unknown) => page.request.post(path, { headers: { Authorization: `Bearer ${limited}` }, data });
  expect((await call("/v2/keys.createKey", { apiId: tenant.apiId })).status()).toBe(200);
  expect((await call("/v2/apis.createApi", { name: "not allowed" })).status()).toBe(403);
  // Its use shows in the list, to the minute.
  await expect(async () => {
    await page.reload();
    await expect(rows.filter({ hasText: "limited" })).toContainText("just now", { timeout: 1000 });
  }).toPass({ timeout: 15_000 });

  // Revoke it: the next call is refused.
  await page.getByRole("button", { name: "Revoke limited" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke root key" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(rows).toHaveCount(1);
  expect((await call("/v2/keys.createKey", { apiId: tenant.apiId })).status()).toBe(401);

  // A full-access key made in the console provisions through /v2 like any other.
  await page.getByRole("button", { name: "Create root key" }).click();
  await dialog.getByLabel("Name").fill("everything");
  await dialog.getByRole("checkbox", { name: /Full access/ }).check();
  await dialog.getByRole("button", { name: "Create root key" }).click();
  const full = await takeSecret(page);
  const made = await page.request.post("/v2/apis.createApi", { headers: { Authorization: `Bearer ${full}` }, data: { name: "from a console key" } });
  expect(made.status()).toBe(200);

  const audit = await keyport.operator<{ event: string; actor: { type: string; id: string } }[]>("audit.list", { workspaceId: tenant.workspaceId, actorId: sessionId });
  expect(audit.map((e) => e.event)).toEqual(["root_key.create", "root_key.revoke", "root_key.create", "console.session.create"]);
});

test("a workspace admin cannot act on another workspace through the console's actions", async ({ page, keyport, consoleAs }) => {
  const mine = await keyport.tenant({ name: `Mine ${suffix()}` });
  const theirs = await keyport.tenant({ name: `Theirs ${suffix()}` });
  const theirKeys = await keyport.operator<{ rootKeys: { keyId: string }[] }>("rootKeys.list", { workspaceId: theirs.workspaceId });
  await consoleAs({ workspaceId: mine.workspaceId });
  await page.goto(`/console/w/${mine.workspaceId}/root-keys`);
  // Point this page's Revoke form at the other workspace's root key, as a forged request would.
  await page.getByRole("button", { name: /^Revoke/ }).first().click();
  await page.getByRole("dialog").locator('input[name="keyId"]').evaluate((el, id) => ((el as HTMLInputElement).value = id), theirKeys.rootKeys[0]!.keyId);
  await page.getByRole("dialog").getByRole("button", { name: "Revoke root key" }).click();
  await expect(page.getByRole("dialog").getByRole("alert")).toContainText("No live root key");
  expect((await keyport.operator<{ rootKeys: unknown[] }>("rootKeys.list", { workspaceId: theirs.workspaceId })).rootKeys).toHaveLength(1);
  expect((await theirs.v2<{ id: string }>("apis.getApi", { apiId: theirs.apiId })).id).toBe(theirs.apiId);
});
