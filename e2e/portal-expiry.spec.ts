/**
 * Expiry mid-visit → return URL with reason=session_expired (docs/sessions.md "Lifetime and ending"), by time rather than by
 * revocation: a session's stored end is moved into the past in the database (the server checks the
 * stored times on every request), and the next navigation must land on the portal's return URL with
 * `reason=session_expired` added and the URL's own query kept. Needs a server of its own on its own
 * Postgres database (e2e/fixtures/server-process.ts): the default e2e server's data is out of reach.
 */
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { ALL_PERMISSIONS, expect, KeyportClient, type PortalOptions, test } from "./fixtures/portal-session";
import { freshDatabase, OPERATOR_TOKEN, ready, type Server, startServer, stop } from "./fixtures/server-process";

test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

let db: Awaited<ReturnType<typeof freshDatabase>>;
let server: Server;
// The SaaS's own page the portal returns to: a real listener on its own origin, because a reload
// gets a server-side 307 whose target Chromium follows without passing it to page.route.
let saas: HttpServer;
let saasBase: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  db = await freshDatabase("expiry");
  server = await startServer(db.url);
  saas = createServer((_req, res) => res.writeHead(200, { "Content-Type": "text/html" }).end("<!doctype html><title>SaaS</title><h1>Back in the app</h1>"));
  await new Promise<void>((resolve) => saas.listen(0, "127.0.0.1", resolve));
  saasBase = `http://localhost:${(saas.address() as AddressInfo).port}`;
  await ready(server);
});

test.afterAll(async () => {
  if (saas) await new Promise((resolve) => saas.close(resolve));
  if (server) await stop(server);
  if (db) await db.drop();
});

type Row = { expires_at: number | null; idle_expires_at: number | null };

async function storedTimes(sessionId: string): Promise<Row> {
  const [row] = await db.sql<Row[]>`select expires_at::float8 as expires_at, idle_expires_at::float8 as idle_expires_at from portal_sessions where id = ${sessionId}`;
  if (!row) throw new Error(`no session ${sessionId}`);
  return row;
}

for (const { policy, column } of [
  { policy: "fixed", column: "expires_at" },
  { policy: "sliding", column: "idle_expires_at" },
] as const) {
  test(`a ${policy} session whose ${column} passes mid-visit sends the user to the return URL with reason=session_expired`, async ({ page, request }) => {
    const returnUrl = `${saasBase}/back?tab=keys`;
    const keyport = new KeyportClient(request, server.base, OPERATOR_TOKEN);
    const portal: PortalOptions = { displayName: "Expiry Co", returnUrl, sessionPolicy: policy };
    const tenant = await keyport.tenant({ portal });
    await tenant.createKey({ externalId: "user_123", name: "Production server" });
    const session = await tenant.createSession({ externalId: "user_123", permissions: ALL_PERMISSIONS });
    expect(session.url).toMatch(new RegExp(`^http://localhost:${server.port}/portal/`));

    await page.goto(session.url);
    await expect(page).toHaveURL(new RegExp(`/portal/${session.portalId}/keys$`));
    await expect(page.getByTestId("signed-in-as")).toHaveText("user_123");
    await expect(page.getByRole("cell", { name: "Production server", exact: true })).toBeVisible();

    // The exchange stored the policy's times: fixed has no idle end, sliding has one before its cap.
    const live = await storedTimes(session.id);
    const at = Date.now();
    expect(live.expires_at).toBeGreaterThan(at);
    if (policy === "fixed") expect(live.idle_expires_at).toBeNull();
    else {
      expect(live.idle_expires_at).toBeGreaterThan(at);
      expect(live.idle_expires_at).toBeLessThan(live.expires_at!);
    }

    // Still live: a reload stays on the keys page.
    await page.reload();
    await expect(page.getByTestId("signed-in-as")).toHaveText("user_123");

    // Time passes (in the database): the session's end is now behind us.
    const past = Date.now() - 1000;
    if (column === "expires_at") await db.sql`update portal_sessions set expires_at = ${past} where id = ${session.id}`;
    else await db.sql`update portal_sessions set idle_expires_at = ${past} where id = ${session.id}`;

    // fixed: a full reload; sliding: a client-side tab click. Either way the next render ends the visit.
    if (policy === "fixed") await page.reload();
    else await page.getByRole("link", { name: "Usage" }).click();
    await expect(page).toHaveURL(`${saasBase}/back?tab=keys&reason=session_expired`);
    await expect(page.getByRole("heading", { name: "Back in the app" })).toBeVisible();

    // The dead session was not revived by that request (a sliding touch only moves live sessions).
    const after = await storedTimes(session.id);
    expect(after[column]).toBe(past);
    // And coming back to the portal does not sign the user in again.
    await page.goto(`http://localhost:${server.port}/portal/${session.portalId}/keys`);
    await expect(page).toHaveURL(`${saasBase}/back?tab=keys&reason=session_expired`);
  });
}
