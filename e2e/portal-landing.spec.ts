import { ALL_PERMISSIONS, expect, test } from "./fixtures/portal-session";
import { shot } from "./fixtures/screenshots";

const SAAS = "https://saas.example.test";

test("arriving from another site lands signed in, and a link scanner's GET consumes nothing", async ({ page, request, keyport }) => {
  const tenant = await keyport.tenant({ portal: { displayName: "Acme Cloud", primaryColor: "#0f766e" } });
  await tenant.createKey({ externalId: "user_123", name: "Production server" });
  const session = await tenant.createSession({ externalId: "user_123" });

  // A mail scanner fetches the link without running scripts: the code must survive.
  const scanned = await request.get(session.url);
  expect(scanned.status()).toBe(200);
  expect(await scanned.text()).not.toContain(new URL(session.url).searchParams.get("session")!);
  expect(scanned.headers()["referrer-policy"]).toBe("no-referrer");
  expect(scanned.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(scanned.headers()["x-content-type-options"]).toBe("nosniff");
  expect(scanned.headers()["cache-control"]).toContain("no-store");

  // The SaaS (another origin) links to the portal; the user clicks.
  await page.route(`${SAAS}/**`, (route) =>
    route.fulfill({ contentType: "text/html", body: `<!doctype html><title>SaaS</title><a href="${session.url}">Manage API keys</a>` }),
  );
  await page.goto(`${SAAS}/settings`);
  await page.getByRole("link", { name: "Manage API keys" }).click();

  await expect(page).toHaveURL(new RegExp(`/portal/${session.portalId}/keys$`));
  await expect(page.getByTestId("signed-in-as")).toHaveText("user_123");
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Production server", exact: true })).toBeVisible();
  expect(page.url()).not.toContain("session=");
  await shot(page, "keys");
});

test("a link carrying the code as ?code= (Unkey's current document) signs in too, and drops the code from the address", async ({ page, request, keyport }) => {
  const tenant = await keyport.tenant();
  await tenant.createKey({ externalId: "user_code", name: "Staging server" });
  const session = await tenant.createSession({ externalId: "user_code" });
  const link = new URL(session.url);
  const code = link.searchParams.get("session")!;
  link.searchParams.delete("session");
  link.searchParams.set("code", code);

  // A scanner's GET of this form consumes nothing and never sees the code in the page either.
  const scanned = await request.get(link.toString());
  expect(scanned.status()).toBe(200);
  expect(await scanned.text()).not.toContain(code);

  await page.goto(link.toString());
  await expect(page).toHaveURL(new RegExp(`/portal/${session.portalId}/keys$`));
  await expect(page.getByTestId("signed-in-as")).toHaveText("user_code");
  await expect(page.getByRole("cell", { name: "Staging server", exact: true })).toBeVisible();
  expect(page.url()).not.toContain(code);
});

test("the landing page wears the portal's name and colour in a centred card while it signs the user in", async ({ page, keyport }) => {
  const tenant = await keyport.tenant({ portal: { displayName: "Acme Cloud", primaryColor: "#0f766e" } });
  const brand = "rgb(15, 118, 110)";
  // The exchange is held until the page has been looked at; the first attempt fails as if offline.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let attempts = 0;
  await page.route("**/v2/portal.exchangeCode", async (route) => {
    attempts += 1;
    if (attempts === 1) return route.abort("internetdisconnected");
    await held;
    await route.continue();
  });

  await page.goto((await tenant.createSession({ externalId: "user_123" })).url);
  const card = page.locator("main .p-message.card");
  await expect(card.getByRole("heading", { level: 1, name: "We couldn’t reach the server" })).toBeVisible();
  await expect(card.getByText("Acme Cloud", { exact: true })).toBeVisible();
  await expect(page).toHaveTitle("Signing in · Acme Cloud");
  await expect(card.locator(".p-brand-mark")).toHaveCSS("background-color", brand);
  await expect(card.getByRole("button", { name: "Try again" })).toHaveCSS("background-color", brand);
  await expect(card.getByRole("button", { name: "Try again" })).toHaveCSS("color", "rgb(255, 255, 255)");

  await card.getByRole("button", { name: "Try again" }).click();
  await expect(card.getByRole("heading", { level: 1, name: "Signing you in…" })).toBeVisible();
  await expect(card.locator(".spinner")).toHaveCSS("border-top-color", brand);
  const box = (await card.boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(Math.abs(box.x - (viewport.width - box.x - box.width)), "centred across").toBeLessThanOrEqual(1);
  expect(Math.abs(box.y - (viewport.height - box.y - box.height)), "centred down").toBeLessThanOrEqual(1);
  await shot(page, "landing");

  release();
  await expect(page).toHaveURL(new RegExp(`/portal/${tenant.portalId}/keys$`));
  await expect(page.getByTestId("signed-in-as")).toHaveText("user_123");
});

test("a used link shows what happened and what to do", async ({ browser, keyport }) => {
  const tenant = await keyport.tenant({ portal: { displayName: "Acme Cloud", returnUrl: "https://app.acme.test/settings" } });
  const session = await tenant.createSession({ externalId: "user_123" });

  const first = await browser.newContext();
  const p1 = await first.newPage();
  await p1.goto(session.url);
  await expect(p1).toHaveURL(/\/keys$/);
  await first.close();

  const second = await browser.newContext();
  const p2 = await second.newPage();
  await p2.goto(session.url);
  await expect(p2.getByRole("heading", { name: "This link can’t be used" })).toBeVisible();
  await expect(p2.getByText("Sign-in links work once")).toBeVisible();
  await expect(p2.getByRole("link", { name: "Back to Acme Cloud" })).toHaveAttribute("href", "https://app.acme.test/settings");
  await shot(p2, "used-link");
  await second.close();
});

test("a garbage code and a missing session both explain themselves", async ({ page, keyport }) => {
  const tenant = await keyport.tenant();
  await page.goto(`/portal/${tenant.portalId}?session=pst_not_a_real_code`);
  await expect(page.getByRole("heading", { name: "This link can’t be used" })).toBeVisible();
  await page.goto(`/portal/${tenant.portalId}/keys`);
  await expect(page.getByRole("heading", { name: "You’re not signed in" })).toBeVisible();
});

test("a session revoked mid-visit sends the user back to the return URL with reason=session_expired", async ({ page, keyport }) => {
  const tenant = await keyport.tenant();
  const returnUrl = "http://localhost:4999/account?tab=keys";
  await page.route("http://localhost:4999/**", (route) => route.fulfill({ contentType: "text/html", body: "<!doctype html><h1>Back in the app</h1>" }));
  const session = await tenant.createSession({ externalId: "user_123", permissions: ALL_PERMISSIONS, returnUrl });
  await page.goto(session.url);
  await expect(page.getByTestId("signed-in-as")).toHaveText("user_123");
  await expect(page.getByRole("link", { name: /Back to/ })).toHaveAttribute("href", returnUrl);

  await tenant.revokeSession(session.id);
  await page.getByRole("link", { name: "Usage" }).click();
  await expect(page).toHaveURL("http://localhost:4999/account?tab=keys&reason=session_expired");
  await expect(page.getByRole("heading", { name: "Back in the app" })).toBeVisible();
});

test("a session revoked mid-visit without a return URL shows the explanatory page, also after a failed action", async ({ page, keyport }) => {
  const tenant = await keyport.tenant();
  const session = await tenant.createSession({ externalId: "user_123" });
  await page.goto(session.url);
  await expect(page.getByTestId("signed-in-as")).toHaveText("user_123");
  await tenant.revokeSession(session.id);
  await page.getByRole("button", { name: "Create your first key" }).click();
  await page.getByRole("dialog").getByLabel("Name").fill("Too late");
  await page.getByRole("dialog").getByRole("button", { name: "Create key" }).click();
  await expect(page.getByRole("heading", { name: "Your session has ended" })).toBeVisible();
  // No return URL to offer: the page names the way back in.
  await expect(page.getByText(/ask .+ for a new link: open the API keys page there again/)).toBeVisible();
  await expect(page.getByRole("link", { name: /Back to/ })).toHaveCount(0);
});

test("sign out ends the session on the server and in the browser", async ({ page, keyport }) => {
  const tenant = await keyport.tenant({ portal: { displayName: "Acme Cloud" } });
  const session = await tenant.createSession({ externalId: "user_123" });
  await page.goto(session.url);
  await expect(page.getByTestId("signed-in-as")).toHaveText("user_123");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "You’re signed out" })).toBeVisible();
  await shot(page, "signed-out");

  const sessions = await tenant.v2<{ id: string; state: string }[]>("portal.listSessions", { externalId: "user_123" });
  expect(sessions.find((s) => s.id === session.id)?.state).toBe("revoked");
  await page.goto(`/portal/${tenant.portalId}/keys`);
  await expect(page.getByRole("heading", { name: "You’re not signed in" })).toBeVisible();
});

test("two portals of two workspaces in one browser do not mix", async ({ page, keyport }) => {
  const a = await keyport.tenant({ portal: { displayName: "Alpha Inc" } });
  const b = await keyport.tenant({ portal: { displayName: "Beta LLC" } });
  await a.createKey({ externalId: "alice", name: "alpha-key" });
  await b.createKey({ externalId: "bob", name: "beta-key" });
  await page.goto((await a.createSession({ externalId: "alice" })).url);
  await expect(page.getByTestId("signed-in-as")).toHaveText("alice");
  await page.goto((await b.createSession({ externalId: "bob" })).url);
  await expect(page.getByTestId("signed-in-as")).toHaveText("bob");

  await page.goto(`/portal/${a.portalId}/keys`);
  await expect(page.getByTestId("signed-in-as")).toHaveText("alice");
  await expect(page.getByText("Alpha Inc").first()).toBeVisible();
  await expect(page.getByRole("cell", { name: "alpha-key", exact: true })).toBeVisible();
  await expect(page.getByText("beta-key")).toHaveCount(0);

  // A write from portal A's page goes to portal A only (the page names its portal in X-Keyport-Portal).
  await page.getByRole("button", { name: "Create key" }).first().click();
  await page.getByRole("dialog").getByLabel("Name").fill("made-in-alpha");
  await page.getByRole("dialog").getByRole("button", { name: "Create key" }).click();
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("cell", { name: "made-in-alpha", exact: true })).toBeVisible();

  await page.goto(`/portal/${b.portalId}/keys`);
  await expect(page.getByTestId("signed-in-as")).toHaveText("bob");
  await expect(page.getByRole("cell", { name: "beta-key", exact: true })).toBeVisible();
  await expect(page.getByText("alpha-key")).toHaveCount(0);
  await expect(page.getByText("made-in-alpha")).toHaveCount(0);
});
