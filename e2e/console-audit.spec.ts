import { readFileSync } from "node:fs";
import type { APIRequestContext, Page } from "@playwright/test";
import { parseCsv } from "../lib/testing/csv";
import { expectAccessible } from "./fixtures/axe";
import { expect, test } from "./fixtures/console";
import type { KeyportClient, Tenant } from "./fixtures/portal-session";
import { shot } from "./fixtures/screenshots";

/**
 * The console's audit log and usage pages (docs/console.md "Audit log and usage"): what the API and the
 * console did shows up newest first, filters narrow it, pages follow, the CSV and JSON exports hold
 * exactly what /v2/audit.listEvents answers for the same filter, usage counts verifications by outcome,
 * and nobody reads another workspace's log by editing the address.
 */

type AuditEvent = { id: string; time: number; actor: { type: string; id: string }; event: string; resourceId?: string; requestId?: string; meta?: Record<string, unknown> };

/** A root-key call through Playwright's request context, answering status, headers and body. */
async function rawCall(request: APIRequestContext, baseUrl: string, path: string, body: unknown, token: string) {
  const res = await request.post(`${baseUrl}${path}`, { headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, data: body });
  return { status: res.status(), headers: res.headers(), body: await res.json() };
}

/** Every event /v2/audit.listEvents answers for `filter`, all pages. */
async function listAll(request: APIRequestContext, keyport: KeyportClient, tenant: Tenant, filter: Record<string, unknown> = {}): Promise<AuditEvent[]> {
  const out: AuditEvent[] = [];
  let cursor: string | undefined;
  do {
    const res = await rawCall(request, keyport.baseUrl, "/v2/audit.listEvents", { ...filter, limit: 100, ...(cursor ? { cursor } : {}) }, tenant.rootKey);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    out.push(...(res.body.data as AuditEvent[]));
    cursor = res.body.pagination?.cursor;
  } while (cursor);
  return out;
}

/** `2026-11-27T14:30` in `timeZone`: what a datetime-local input holds. */
function wallTime(at: number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(at).map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** The events the console's list shows on this page: their ids, from the details' labels and the rows' data. */
async function shownEvents(page: Page) {
  const rows = page.getByTestId("audit-events").locator("tbody tr");
  return rows.evaluateAll((trs) =>
    trs.map((tr) => ({
      time: Date.parse(tr.querySelector("time")?.getAttribute("datetime") ?? ""),
      action: tr.querySelector("[data-testid=audit-action] code")?.textContent ?? "",
      actor: tr.querySelector("[data-testid=audit-actor]")?.firstChild?.textContent ?? "",
      resource: tr.querySelector("[data-testid=audit-resource]")?.firstChild?.textContent ?? "",
      request: tr.querySelector("[data-testid=audit-request]")?.textContent ?? "",
    })),
  );
}

async function download(page: Page, testId: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: readFileSync(path, "utf8") };
}

/** A tenant with a known history: 30 keys created, one renamed and then deleted, by its root key. */
async function tenantWithHistory(keyport: KeyportClient) {
  const tenant = await keyport.tenant();
  const keys: string[] = [];
  for (let i = 0; i < 30; i++) keys.push((await tenant.createKey({ externalId: `user_${i % 3}`, name: `key ${i}` })).keyId);
  const target = keys[4] ?? "";
  await tenant.v2("keys.updateKey", { keyId: target, name: "renamed, with \"quotes\"" });
  return { tenant, keys, target };
}

test.describe("audit log", () => {
  test.use({ timezoneId: "Asia/Tokyo" });

  test("shows what was done newest first, with its request; filters narrow it; pages follow", async ({ page, keyport, consoleAs, request }) => {
    const { tenant, target } = await tenantWithHistory(keyport);
    // Signing in is in the log too (console.link.create by the operator, console.session.create by the session).
    const { sessionId } = await consoleAs({ workspaceId: tenant.workspaceId });
    const deleted = await rawCall(request, keyport.baseUrl, "/v2/keys.deleteKey", { keyId: target }, tenant.rootKey);
    expect(deleted.status).toBe(200);
    const all = await listAll(request, keyport, tenant);
    // Provisioning (workspace, API, portal), 30 keys (and their end users), the rename, the sign-in and the delete.
    expect(all.map((e) => e.event).filter((e) => e === "key.create")).toHaveLength(30);
    expect(all.find((e) => e.event === "console.session.create")?.actor).toEqual({ type: "console", id: sessionId });
    expect(all.length).toBeGreaterThan(25);

    const base = `/console/w/${tenant.workspaceId}/audit`;
    await page.goto(base);
    await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    // The first visit learns the browser's zone and redraws once.
    await expect(page.getByText("Times in Asia/Tokyo (GMT+9).")).toBeVisible();
    let shown = await shownEvents(page);
    expect(shown).toHaveLength(25);
    expect(shown[0]).toMatchObject({ action: "key.delete", resource: target, request: deleted.headers["x-request-id"] });
    expect(shown.map((e) => e.time)).toEqual([...shown.map((e) => e.time)].sort((a, b) => b - a));
    expect(shown.map((e) => e.time)).toEqual(all.slice(0, 25).map((e) => e.time));
    // Its time in the viewer's zone, the exact instant in dateTime.
    const first = page.getByTestId("audit-time").first();
    expect(await first.getAttribute("datetime")).toBe(new Date(all[0]?.time ?? 0).toISOString());
    await expect(first).toHaveText(new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Tokyo", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }).format(all[0]?.time));

    // Details fold out as JSON.
    await page.getByTestId("audit-events").locator("details summary").first().click();
    await expect(page.getByTestId("audit-details").first()).toContainText('"permanent": false');

    // Next page: the rest, no row twice; back to the first.
    await page.getByRole("link", { name: "Next page →" }).click();
    await expect(page).toHaveURL(/cursor=/);
    shown = await shownEvents(page);
    expect(shown.map((e) => e.time)).toEqual(all.slice(25).map((e) => e.time));
    await expect(page.getByText("End of the list")).toBeVisible();
    await page.getByRole("link", { name: "← First page" }).click();
    await expect(page).toHaveURL(new RegExp(`${base}$`));

    // By action.
    await page.getByLabel("Action").selectOption("key.update");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/action=key.update/);
    shown = await shownEvents(page);
    expect(shown.map((e) => [e.action, e.resource])).toEqual([["key.update", target]]);

    // By resource, from a row's link: everything that happened to that key.
    await page.getByRole("link", { name: "Clear filters" }).first().click();
    await expect(page).toHaveURL(new RegExp(`${base}$`));
    await page.getByTestId("audit-resource").filter({ hasText: target }).first().click();
    await expect(page).toHaveURL(new RegExp(`resource=${target}`));
    shown = await shownEvents(page);
    expect(shown.map((e) => e.action)).toEqual(["key.delete", "key.update", "key.create"]);

    // By actor: the root key did everything but provisioning, which the operator did.
    const rootKeyId = all[0]?.actor.id ?? "";
    await page.goto(`${base}?actorType=operator`);
    expect((await shownEvents(page)).map((e) => e.action).sort()).toEqual(["api.create", "console.link.create", "portal.create", "workspace.create"]);
    await page.goto(base);
    await page.getByLabel("Actor id").fill(rootKeyId);
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page.getByRole("link", { name: "Next page →" })).toBeVisible();
    expect((await shownEvents(page)).every((e) => e.actor === rootKeyId)).toBe(true);

    // By time, in the viewer's zone: up to a minute before the first event there is nothing; from then, all.
    const oldest = all.at(-1)?.time ?? 0;
    await page.goto(base);
    await page.getByLabel("To (that minute included)").fill(wallTime(oldest - 120_000, "Asia/Tokyo"));
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page.getByRole("heading", { name: "No events match these filters" })).toBeVisible();
    await page.goto(`${base}?${new URLSearchParams({ from: wallTime(oldest - 60_000, "Asia/Tokyo"), action: "key.delete" })}`);
    expect((await shownEvents(page)).map((e) => e.action)).toEqual(["key.delete"]);

    // A bad filter is named and searches nothing (no export of it either).
    await page.goto(`${base}?action=key.explode&from=yesterday`);
    await expect(page.getByTestId("audit-filter-error")).toContainText("is not an action the log records");
    await expect(page.getByLabel("From")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByTestId("audit-events")).toHaveCount(0);
    await expect(page.getByTestId("export-csv")).toHaveCount(0);
    // An edited cursor starts over rather than failing.
    await page.goto(`${base}?cursor=not-a-cursor`);
    expect(await shownEvents(page)).toHaveLength(25);
  });

  test("exports download the filtered set, exactly what audit.listEvents answers", async ({ page, keyport, consoleAs, request }) => {
    const { tenant } = await tenantWithHistory(keyport);
    const all = await listAll(request, keyport, tenant);
    const rootKeyId = all[0]?.actor.id ?? "";
    await consoleAs({ workspaceId: tenant.workspaceId });
    const base = `/console/w/${tenant.workspaceId}/audit`;
    const day = new Date().toISOString().slice(0, 10);

    // The root key's key.create events, from the form.
    await page.goto(base);
    await expect(page.getByText("Times in Asia/Tokyo (GMT+9).")).toBeVisible();
    await page.getByLabel("Action").selectOption("key.create");
    await page.getByLabel("Actor kind").selectOption("root_key");
    await page.getByLabel("Actor id").fill(rootKeyId);
    await page.getByRole("button", { name: "Apply filters" }).click();
    const want = await listAll(request, keyport, tenant, { events: ["key.create"], actorType: "root_key", actorId: rootKeyId });
    expect(want).toHaveLength(30);

    const csv = await download(page, "export-csv");
    expect(csv.name).toBe(`keyport-audit-${tenant.workspaceId}-${day}.csv`);
    const [header, ...rows] = parseCsv(csv.text);
    expect(header).toEqual(["id", "time", "actor_type", "actor_id", "event", "resource_id", "request_id", "meta"]);
    expect(rows.map((r) => ({ id: r[0], time: Date.parse(r[1] ?? ""), actor: { type: r[2], id: r[3] }, event: r[4], resourceId: r[5] || undefined, requestId: r[6] || undefined, meta: r[7] ? JSON.parse(r[7]) : undefined }))).toEqual(
      want.map((e) => ({ id: e.id, time: e.time, actor: e.actor, event: e.event, resourceId: e.resourceId, requestId: e.requestId, meta: e.meta })),
    );

    const json = await download(page, "export-json");
    expect(json.name).toBe(`keyport-audit-${tenant.workspaceId}-${day}.json`);
    expect(JSON.parse(json.text)).toEqual(want);

    // A time window in the viewer's zone, as the list reads it; and the whole log with no filter.
    const from = wallTime((all.at(-1)?.time ?? 0) - 60_000, "Asia/Tokyo");
    const to = wallTime(all[0]?.time ?? 0, "Asia/Tokyo");
    await page.goto(`${base}?${new URLSearchParams({ from, to, action: "key.update" })}`);
    expect(JSON.parse((await download(page, "export-json")).text)).toEqual(await listAll(request, keyport, tenant, { events: ["key.update"] }));
    await page.goto(base);
    expect(JSON.parse((await download(page, "export-json")).text)).toEqual(await listAll(request, keyport, tenant));
    const [, ...everything] = parseCsv((await download(page, "export-csv")).text);
    expect(everything.map((r) => r[0])).toEqual((await listAll(request, keyport, tenant)).map((e) => e.id));

    // A hand-made bad export address is a 400 in the error envelope.
    const bad = await page.request.get(`${base}/export?format=xlsx`);
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error.type).toMatch(/\/docs\/errors\/unkey\/application\/invalid_input$/);
  });

  test("a workspace admin cannot read another workspace's log, export or usage by editing the address", async ({ page, keyport, consoleAs }) => {
    const mine = await keyport.tenant();
    const theirs = await keyport.tenant();
    await consoleAs({ workspaceId: mine.workspaceId });
    for (const path of ["audit", "audit/export?format=csv", "audit/export?format=json", "usage"]) {
      const res = await page.request.get(`/console/w/${theirs.workspaceId}/${path}`, { maxRedirects: 0 });
      expect(res.status(), path).toBe(404);
      // The console's own 404 for pages, the same as for a workspace that does not exist; nothing of theirs.
      const body = await res.text();
      if (!path.includes("export")) expect(body).toContain("There’s nothing in the console at this address");
      expect(body).not.toMatch(/api\.create|aud_\d|Production/);
      const nowhere = await page.request.get(`/console/w/ws_doesnotexist/${path}`, { maxRedirects: 0 });
      expect(nowhere.status(), path).toBe(404);
    }
    const own = await page.request.get(`/console/w/${mine.workspaceId}/audit/export?format=csv`);
    expect(own.status()).toBe(200);
    // Without a console session, the export sends the browser to the signed-out page, never the data.
    const stranger = await page.context().browser()?.newContext();
    const anon = await stranger?.request.get(`${keyport.baseUrl}/console/w/${mine.workspaceId}/audit/export?format=csv`, { maxRedirects: 0 });
    expect(anon?.status()).toBeGreaterThanOrEqual(300);
    expect(anon?.status()).toBeLessThan(400);
    expect(anon?.headers().location).toContain("/console/signed-out");
    await stranger?.close();
  });
});

test("usage shows the verifications made through keys.verifyKey, by outcome, per API, and the top keys", async ({ page, keyport, consoleAs }) => {
  const tenant = await keyport.tenant();
  const second = await keyport.operator<{ apiId: string }>("apis.create", { workspaceId: tenant.workspaceId, name: "Search", prefix: "srch" });
  const a = await tenant.createKey({ externalId: "user_a", name: "Busy" });
  const b = await tenant.createKey({ externalId: "user_b", name: "Metered", credits: { remaining: 1 } });
  const c = await tenant.v2<{ keyId: string; key: string }>("keys.createKey", { apiId: second.apiId, name: "Off" });
  await tenant.v2("keys.updateKey", { keyId: c.keyId, enabled: false });
  for (let i = 0; i < 4; i++) expect((await tenant.verify(a.key)).code).toBe("VALID");
  expect((await tenant.verify(b.key)).code).toBe("VALID");
  expect((await tenant.verify(b.key)).code).toBe("USAGE_EXCEEDED");
  expect((await tenant.verify(c.key)).code).toBe("DISABLED");
  for (let i = 0; i < 2; i++) expect((await tenant.verify("acme_doesnotexist0000000000")).code).toBe("NOT_FOUND");

  await consoleAs({ workspaceId: tenant.workspaceId });
  const base = `/console/w/${tenant.workspaceId}/usage`;
  await page.goto(base);
  await expect(page.getByRole("heading", { level: 1, name: "Usage" })).toBeVisible();
  // Verification events are flushed in batches off the response path: poll until they are in.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("stat-total")).toHaveText("7", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByTestId("stat-valid")).toHaveText("5");
  await expect(page.getByTestId("stat-rejected")).toHaveText("2");
  await expect(page.getByTestId("stat-unknown")).toHaveText("2");
  await expect(page.getByRole("img", { name: /Verifications per hour, all APIs, last 24 hours/ })).toBeVisible();

  const cells = async (row: string) => page.getByTestId("usage-by-api").locator(`tr[data-api-id="${row}"] td`).allTextContents();
  // Total, Valid, Rate limited, Usage exceeded, Expired, Disabled, Insufficient permissions.
  expect(await cells(tenant.apiId)).toEqual(["6", "5", "0", "1", "0", "0", "0"]);
  expect(await cells(second.apiId)).toEqual(["1", "0", "0", "0", "0", "1", "0"]);
  const top = page.getByTestId("usage-top-keys").locator("tbody tr");
  expect(await top.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-key-id")))).toEqual([a.keyId, b.keyId, c.keyId]);
  await expect(top.first().getByRole("link", { name: "Busy" })).toHaveAttribute("href", `/console/w/${tenant.workspaceId}/keys/${a.keyId}`);
  await shot(page, "console-usage");

  // The table behind the chart.
  await page.getByText("Show as a table").click();
  await expect(page.getByRole("table", { name: /Verifications per hour/ })).toBeVisible();

  // 7 and 30 days hold the same verifications (30 days by day); one API narrows chart, totals and top keys.
  for (const [label, unit] of [["7 days", "hour"], ["30 days", "day"]] as const) {
    await page.getByRole("link", { name: label }).click();
    await expect(page.getByRole("img", { name: new RegExp(`Verifications per ${unit}, all APIs, last ${label}`) })).toBeVisible();
    await expect(page.getByTestId("stat-total")).toHaveText("7");
  }
  await page.getByLabel("API", { exact: true }).selectOption({ label: "Search" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/range=30d/);
  await expect(page.getByTestId("stat-total")).toHaveText("1");
  await expect(page.getByTestId("stat-unknown")).toHaveCount(0);
  expect(await top.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-key-id")))).toEqual([c.keyId]);
  // An API of no workspace of the viewer's: says so, shows all.
  await page.goto(`${base}?api=api_nope`);
  await expect(page.getByText("That API is not one of this workspace’s. Showing all APIs.")).toBeVisible();
  await expect(page.getByTestId("stat-total")).toHaveText("7");
});

for (const colorScheme of ["light", "dark"] as const) {
  for (const width of [1280, 390]) {
    test.describe(`audit and usage, ${colorScheme}, ${width} px`, () => {
      test.use({ colorScheme, viewport: { width, height: width > 600 ? 900 : 844 }, timezoneId: "Europe/Paris" });
      const tag = `${width}-${colorScheme}`;

      test("pass axe with filters, details, errors, data and none", async ({ page, keyport, consoleAs }) => {
        const { tenant, target } = await tenantWithHistory(keyport);
        const key = await tenant.createKey({ externalId: "user_axe", name: "Checked" });
        await tenant.verify(key.key);
        await tenant.verify("acme_nope000000000000000000");
        await consoleAs({ workspaceId: tenant.workspaceId });
        const check = async (screen: string) => {
          await expectAccessible(page, `${screen} (${tag})`);
          await shot(page, `console-${screen}-${tag}`);
        };

        await page.goto(`/console/w/${tenant.workspaceId}/audit?resource=${target}`);
        await expect(page.getByText("Times in Europe/Paris")).toBeVisible();
        await page.getByTestId("audit-events").locator("details summary").first().click();
        await check("audit-filtered");
        await page.goto(`/console/w/${tenant.workspaceId}/audit`);
        await check("audit");
        await page.goto(`/console/w/${tenant.workspaceId}/audit?action=key.explode&to=2020-01-01T00:00`);
        await check("audit-bad-filter");
        await page.goto(`/console/w/${tenant.workspaceId}/audit?action=api.delete`);
        await check("audit-none");

        await page.goto(`/console/w/${tenant.workspaceId}/usage`);
        await expect(async () => {
          await page.reload();
          await expect(page.getByTestId("stat-total")).toHaveText("1", { timeout: 1000 });
        }).toPass({ timeout: 20_000 });
        await page.getByText("Show as a table").click();
        await check("usage");
        const empty = await keyport.tenant();
        await consoleAs({ workspaceId: empty.workspaceId });
        await page.goto(`/console/w/${empty.workspaceId}/usage?range=7d`);
        await expect(page.getByTestId("usage-empty")).toBeVisible();
        await check("usage-empty");
      });
    });
  }
}
