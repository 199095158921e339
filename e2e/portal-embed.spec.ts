/**
 * The portal inside a customer's own page (docs/embedding.md): a host page on another site
 * (http://127.0.0.1:<port>, served here) loads the embed script from the portal server
 * (http://localhost:<E2E_PORT>) and mounts a createSession link. localhost and 127.0.0.1 are different
 * sites, so the frame is a real third-party frame: only the partitioned cookie can work there.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Frame, Page } from "@playwright/test";
import { expectAccessible } from "./fixtures/axe";
import { expect, test, type KeyportClient, type Tenant } from "./fixtures/portal-session";
import { shot } from "./fixtures/screenshots";

type HostEvent = { type: string; [field: string]: unknown };

/** A customer's page: the embed script and one Keyport.mount of the `url` in its query; events go to window.events. */
function hostPage(portalBase: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Acme settings</title>
<style>body{font:16px system-ui,sans-serif;margin:0;padding:24px;background:#f1f5f9;color:#0f172a}#keys{max-width:1100px;margin:16px auto 0;background:#fff;border-radius:12px;overflow:hidden}</style>
</head><body><h1>Acme settings</h1><p>Your API keys, managed by Keyport:</p><div id="keys"></div>
<script src="${portalBase}/embed.js"></script>
<script>
  window.events = [];
  var url = new URL(location.href).searchParams.get("url");
  window.mounted = Keyport.mount(document.getElementById("keys"), { url: url, onEvent: function (e) { window.events.push(e); } });
</script></body></html>`;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

let host: Server;
let hostOrigin: string;

test.beforeAll(async ({ baseURL }) => {
  host = createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(hostPage(String(baseURL)));
  });
  hostOrigin = `http://127.0.0.1:${await listen(host)}`;
});

test.afterAll(() => new Promise<void>((resolve) => host.close(() => resolve())));

/** Opens the host page with a createSession link mounted in it; the portal frame. */
async function embed(page: Page, url: string): Promise<Frame> {
  await page.goto(`${hostOrigin}/?${new URLSearchParams({ url })}`);
  const element = await page.locator("#keys iframe").elementHandle();
  const frame = await element?.contentFrame();
  if (!frame) throw new Error("no portal frame");
  return frame;
}

const events = (page: Page) => page.evaluate(() => (window as unknown as { events: HostEvent[] }).events);

async function embeddable(keyport: KeyportClient, origins = [hostOrigin]): Promise<Tenant> {
  return keyport.tenant({ portal: { displayName: "Acme Cloud", returnUrl: "https://app.acme.test/settings", embedOrigins: origins } });
}

test("the embed script is small, cacheable, self-contained and the same at both addresses", async ({ request, baseURL }) => {
  const [alias, v1] = await Promise.all([request.get(`${baseURL}/embed.js`), request.get(`${baseURL}/embed/v1.js`)]);
  for (const res of [alias, v1]) {
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(res.headers()["cache-control"]).toBe("public, max-age=3600");
    expect(res.headers()["x-content-type-options"]).toBe("nosniff");
  }
  const body = await v1.text();
  expect(await alias.text()).toBe(body);
  expect(body.length).toBeLessThan(4096);
  expect(body).not.toMatch(/\bimport\b|\brequire\(|postMessage\([^)]*"\*"/);
});

test("the embedded portal signs in from its link, lists keys, sizes its frame and tells the host", async ({ page, keyport, context }) => {
  const tenant = await embeddable(keyport);
  await tenant.createKey({ externalId: "alice", name: "Production server" });
  const session = await tenant.createSession({ externalId: "alice" });
  const landing = page.waitForResponse((r) => r.url().startsWith(`${keyport.baseUrl}/portal/${tenant.portalId}?`));
  const frame = await embed(page, session.url);

  // The landing may be framed by this host (and the portal itself), and by nobody else.
  const headers = (await landing).headers();
  expect(headers["content-security-policy"]).toContain(`frame-ancestors 'self' ${hostOrigin}`);
  expect(headers["x-frame-options"]).toBeUndefined();

  await expect(frame.getByTestId("signed-in-as")).toHaveText("alice");
  await expect(frame.getByRole("row", { name: /Production server/ })).toBeVisible();
  expect(page.url()).toBe(`${hostOrigin}/?${new URLSearchParams({ url: session.url })}`);

  // ready, then the content's height; the frame grows to it, so the portal has no scrollbar of its own.
  await expect.poll(async () => (await events(page)).map((e) => e.type)).toEqual(expect.arrayContaining(["ready", "resize"]));
  const reported = (await events(page)).filter((e) => e.type === "resize").at(-1)?.height as number;
  expect(reported).toBeGreaterThan(200);
  await expect.poll(() => page.locator("#keys iframe").evaluate((el) => (el as HTMLIFrameElement).getBoundingClientRect().height)).toBe(reported);
  const inner = await frame.evaluate(() => ({ scroll: document.documentElement.scrollHeight, view: window.innerHeight, embedded: document.documentElement.hasAttribute("data-embedded") }));
  expect(inner.embedded).toBe(true);
  expect(inner.scroll).toBeLessThanOrEqual(inner.view + 1);

  // The session lives in the partitioned cookie (the first-party, SameSite=Lax one is never sent to a third-party frame).
  const cookies = await context.cookies(keyport.baseUrl);
  expect(cookies.map((c) => c.name)).toEqual(["portal_session_embed"]);
  expect(cookies[0]).toMatchObject({ httpOnly: true, secure: true, sameSite: "None" });
  await shot(page, "embed-host-keys");

  // Writes work from the frame (the CSRF rule sees the portal's own origin), and no event carries a secret.
  await frame.getByRole("button", { name: "Create key" }).first().click();
  const form = frame.getByRole("dialog");
  await form.getByLabel("Name").fill("From the host page");
  await form.getByRole("button", { name: "Create key" }).click();
  const reveal = frame.getByRole("dialog", { name: "Your new API key" });
  const secret = await reveal.getByTestId("new-key").inputValue();
  expect(secret).toMatch(/^acme_/);
  await shot(page, "embed-host-new-key");
  expect(JSON.stringify(await events(page))).not.toContain(secret);
  await reveal.getByRole("checkbox", { name: /I have copied this key/ }).check();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(frame.getByRole("row", { name: /From the host page/ })).toBeVisible();
  expect((await tenant.verify(secret)).valid).toBe(true);
});

test("signing out inside the frame shows the end state there and tells the host; the host page stays", async ({ page, keyport }) => {
  const tenant = await embeddable(keyport);
  const hostUrl = `${hostOrigin}/?${new URLSearchParams({ url: (await tenant.createSession({ externalId: "bob" })).url })}`;
  await page.goto(hostUrl);
  const frame = page.frameLocator("#keys iframe");
  await frame.getByRole("button", { name: "Sign out" }).click();
  await expect(frame.getByRole("heading", { name: "You’re signed out" })).toBeVisible();
  await expect.poll(async () => (await events(page)).filter((e) => e.type === "session.ended")).toEqual([{ type: "session.ended", reason: "signed_out" }]);
  expect(page.url()).toBe(hostUrl);
  // Leaving is the user's click, and it leaves the frame for the whole window.
  await expect(frame.getByRole("link", { name: "Back to Acme Cloud" })).toHaveAttribute("target", "_top");
  await shot(page, "embed-host-signed-out");
});

test("a French session's frame speaks French, to its end state when the session is revoked mid-visit", async ({ page, keyport }) => {
  const tenant = await embeddable(keyport);
  await tenant.createKey({ externalId: "chloe", name: "Serveur de production" });
  const session = await tenant.createSession({ externalId: "chloe", locale: "fr-CA" });
  const frame = await embed(page, session.url);
  await expect(frame.getByRole("heading", { level: 1 })).toHaveText("Clés API");
  expect(await frame.evaluate(() => document.documentElement.lang)).toBe("fr");
  await expect(frame.getByRole("row", { name: /Serveur de production/ })).toContainText("Active");

  await tenant.revokeSession(session.id);
  await frame.getByRole("link", { name: "Utilisation" }).click();
  await expect(frame.getByRole("heading", { level: 1 })).toHaveText("Votre session a pris fin");
  await expect.poll(() => frame.url()).toMatch(/\/ended\?reason=session_expired&lang=fr$/);
  await expect.poll(async () => (await events(page)).filter((e) => e.type === "session.ended")).toEqual([{ type: "session.ended", reason: "session_expired" }]);
  await expect(frame.getByRole("link", { name: "Retour à Acme Cloud" })).toHaveAttribute("target", "_top");
  await shot(page, "embed-host-fr-ended");
});

test("a portal without embed origins, or a host not in the list, is refused by the browser; the link stays unused", async ({ page, keyport }) => {
  const plain = await keyport.tenant({ portal: { displayName: "Not framable" } });
  const elsewhere = await embeddable(keyport, ["https://app.acme.test", "http://127.0.0.1:1"]);
  for (const tenant of [plain, elsewhere]) {
    const session = await tenant.createSession({ externalId: "carol" });
    const landing = page.waitForResponse((r) => r.url().startsWith(`${keyport.baseUrl}/portal/${tenant.portalId}?`));
    const frame = await embed(page, session.url);
    const csp = (await landing).headers()["content-security-policy"] ?? "";
    expect(csp).toMatch(tenant === plain ? /frame-ancestors 'none'/ : /frame-ancestors 'self' https:\/\/app\.acme\.test http:\/\/127\.0\.0\.1:1(;|$)/);
    // Chromium replaces a refused frame with its error page: nothing of the portal runs in it.
    await expect.poll(() => frame.url()).toMatch(/^chrome-error:/);
    expect(await events(page)).toEqual([]);
    // So the one-time code was never redeemed: the same link still signs in at the top level.
    await page.goto(session.url);
    await expect(page.getByTestId("signed-in-as")).toHaveText("carol");
  }
});

// background: the page (--bg); raised: a dialog's surface (--raised), which the forced theme must switch too.
for (const [theme, scheme, background, raised] of [
  ["dark", "light", "rgb(11, 15, 23)", "rgb(22, 29, 43)"],
  ["light", "dark", "rgb(255, 255, 255)", "rgb(255, 255, 255)"],
] as const) {
  test.describe(`theme ${theme} on a ${scheme} system`, () => {
    test.use({ colorScheme: scheme });
    test(`the session's theme wins inside the frame`, async ({ page, keyport }) => {
      const tenant = await embeddable(keyport);
      await tenant.createKey({ externalId: "dana", name: "Worker" });
      const frame = await embed(page, (await tenant.createSession({ externalId: "dana", theme })).url);
      await expect(frame.getByRole("row", { name: /Worker/ })).toBeVisible();
      // The layout's stylesheet can land a moment after the row renders inside the frame.
      await expect.poll(() => frame.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(background);
      expect(await frame.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe(theme);
      await shot(page, `embed-host-theme-${theme}`);
    });

    test(`a forced ${theme} theme passes axe at the top level too`, async ({ page, keyport }) => {
      const tenant = await keyport.tenant({ portal: { displayName: "Acme Cloud" } });
      await tenant.createKey({ externalId: "dana", name: "Worker" });
      await page.goto((await tenant.createSession({ externalId: "dana", theme })).url);
      await expect(page.getByRole("row", { name: /Worker/ })).toBeVisible();
      await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(background);
      await expectAccessible(page, `keys, forced ${theme} on ${scheme}`);
      await shot(page, `theme-${theme}-on-${scheme}-keys`);
      // Dialogs and the chart's series follow the forced theme as well as the page does.
      await page.getByRole("button", { name: "Create key" }).first().click();
      await expect(page.getByRole("dialog")).toBeVisible();
      expect(await page.getByRole("dialog").evaluate((d) => getComputedStyle(d).backgroundColor)).toBe(raised);
      await expectAccessible(page, `create dialog, forced ${theme} on ${scheme}`);
      await shot(page, `theme-${theme}-on-${scheme}-dialog`);
    });
  });
}

for (const colorScheme of ["light", "dark"] as const) {
  for (const width of [1280, 390]) {
    test.describe(`embedded at ${width} px, ${colorScheme}`, () => {
      test.use({ colorScheme, viewport: { width, height: width > 600 ? 900 : 844 } });
      test("keys and the signed-out end state, for a person to look at", async ({ page, keyport }) => {
        const tenant = await embeddable(keyport);
        await tenant.createKey({ externalId: "frank", name: "Production server" });
        await tenant.createKey({ externalId: "frank", name: "Staging" });
        const frame = await embed(page, (await tenant.createSession({ externalId: "frank" })).url);
        await expect(frame.getByRole("row", { name: /Staging/ })).toBeVisible();
        await expect.poll(async () => (await events(page)).some((e) => e.type === "resize")).toBe(true);
        await shot(page, `embed-${width}-${colorScheme}-keys`);
        await frame.getByRole("button", { name: "Sign out" }).click();
        await expect(frame.getByRole("heading", { name: "You’re signed out" })).toBeVisible();
        await expect.poll(async () => (await events(page)).some((e) => e.type === "session.ended")).toBe(true);
        await shot(page, `embed-${width}-${colorScheme}-ended`);
      });
    });
  }
}

test("intent decides where the session lands: usage, docs, and the keys page with its create flag", async ({ page, keyport }) => {
  const tenant = await embeddable(keyport);
  const cases = [
    ["usage", /\/analytics$/],
    ["docs", /\/docs$/],
  ] as const;
  // One end user throughout: a link for another one would first ask before switching accounts.
  for (const [intent, path] of cases) {
    const frame = await embed(page, (await tenant.createSession({ externalId: "erin", intent })).url);
    await expect.poll(() => frame.url()).toMatch(new RegExp(`/portal/${tenant.portalId}${path.source}`));
    await expect(frame.getByTestId("signed-in-as")).toHaveText("erin");
  }
  // create_key lands on the keys page with the create dialog open, and drops its flag from the
  // address so a reload does not open it again.
  const frame = await embed(page, (await tenant.createSession({ externalId: "erin", intent: "create_key" })).url);
  await expect(frame.getByRole("dialog", { name: "Create an API key" })).toBeVisible();
  await expect.poll(() => frame.url()).toMatch(new RegExp(`/portal/${tenant.portalId}/keys$`));
});

test("the host hears key.created, key.rolled and key.revoked, never a secret", async ({ page, keyport }) => {
  const tenant = await embeddable(keyport);
  const frame = await embed(page, (await tenant.createSession({ externalId: "gina" })).url);
  await frame.getByRole("button", { name: "Create your first key" }).click();
  const create = frame.getByRole("dialog", { name: "Create an API key" });
  await create.getByLabel("Name").fill("Billing worker");
  await create.getByRole("button", { name: "Create key" }).click();
  const secret = await frame.getByTestId("new-key").inputValue();
  expect(secret).toMatch(/\w{20,}/);
  await expect.poll(async () => (await events(page)).find((e) => e.type === "key.created")).toEqual({
    type: "key.created",
    keyId: expect.stringMatching(/^key_/),
    name: "Billing worker",
  });
  const created = (await events(page)).find((e) => e.type === "key.created");
  await frame.getByRole("checkbox", { name: /copied/i }).check();
  await frame.getByRole("button", { name: "Done" }).click();

  await frame.getByRole("button", { name: "Actions for Billing worker" }).click();
  await frame.getByRole("menuitem", { name: "Roll" }).click();
  await frame.getByRole("button", { name: "Roll key" }).click();
  await expect.poll(async () => (await events(page)).find((e) => e.type === "key.rolled")).toMatchObject({ keyId: created?.keyId, newKeyId: expect.stringMatching(/^key_/) });
  await frame.getByRole("checkbox", { name: /copied/i }).check();
  await frame.getByRole("button", { name: "Done" }).click();

  await frame.getByRole("button", { name: "Actions for Billing worker" }).first().click();
  await frame.getByRole("menuitem", { name: "Revoke" }).click();
  await frame.getByRole("button", { name: "Revoke key" }).click();
  await expect.poll(async () => (await events(page)).some((e) => e.type === "key.revoked")).toBe(true);
  const all = JSON.stringify(await events(page));
  expect(all).not.toContain(secret);
});
