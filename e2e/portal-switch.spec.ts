import { expect, test } from "./fixtures/portal-session";
import { shot } from "./fixtures/screenshots";

/**
 * Login CSRF through a portal link (docs/security.md "Switching accounts"): a browser signed in as
 * alice opens, from a foreign page, a link minted for eve on the same portal. It must not become eve's
 * silently: the landing page names both and switches only on a click; until then the code is unused.
 */
const EVIL = "http://evil.example.test";

test("a link for another end user asks first; staying keeps alice and leaves the link unused", async ({ page, request, keyport }) => {
  const tenant = await keyport.tenant({ portal: { displayName: "Acme Cloud" } });
  await tenant.createKey({ externalId: "alice", name: "Alice's key" });
  await page.goto((await tenant.createSession({ externalId: "alice" })).url);
  await expect(page.getByTestId("signed-in-as")).toHaveText("alice");

  const eve = await tenant.createSession({ externalId: "eve" });
  const code = new URL(eve.url).searchParams.get("session") as string;
  await page.route(`${EVIL}/**`, (route) => route.fulfill({ contentType: "text/html", body: `<!doctype html><title>Free stuff</title><a href="${eve.url}">Claim</a>` }));
  await page.goto(`${EVIL}/`);

  // The foreign page itself cannot ask the exchange anything: no CORS, so the JSON POST never leaves.
  const probe = await page.evaluate(async ([base, c]) => {
    try {
      const res = await fetch(`${base}/v2/portal.exchangeCode`, { method: "POST", credentials: "include", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ code: c }) });
      return `read ${res.status}: ${await res.text()}`;
    } catch {
      return "blocked";
    }
  }, [keyport.baseUrl, code] as const);
  expect(probe).toBe("blocked");

  await page.getByRole("link", { name: "Claim" }).click();
  await expect(page.getByRole("heading", { name: "You’re already signed in" })).toBeVisible();
  await expect(page.locator("#detail")).toHaveText("This browser is signed in to this portal as alice. The link you opened signs in as eve.");
  expect(page.url()).not.toContain("session=");
  await expect(page.getByRole("button", { name: "Stay signed in as alice" })).toBeFocused();
  await shot(page, "landing-switch");

  await page.getByRole("button", { name: "Stay signed in as alice" }).click();
  await expect(page).toHaveURL(new RegExp(`/portal/${tenant.portalId}/keys$`));
  await expect(page.getByTestId("signed-in-as")).toHaveText("alice");
  await expect(page.getByRole("cell", { name: "Alice's key", exact: true })).toBeVisible();

  // The code was never used: its owner (here, a client without the browser's cookie) can still redeem it.
  const redeemed = await request.post("/v2/portal.exchangeCode", { data: { code }, headers: { "Content-Type": "application/json" } });
  expect(redeemed.status()).toBe(200);
});

test("switching is the user's explicit choice, and then the browser is eve's", async ({ page, keyport }) => {
  const tenant = await keyport.tenant({ portal: { displayName: "Acme Cloud" } });
  await page.goto((await tenant.createSession({ externalId: "alice" })).url);
  await expect(page.getByTestId("signed-in-as")).toHaveText("alice");

  await page.goto((await tenant.createSession({ externalId: "eve" })).url);
  await page.getByRole("button", { name: "Switch to eve" }).click();
  await expect(page).toHaveURL(new RegExp(`/portal/${tenant.portalId}/keys$`));
  await expect(page.getByTestId("signed-in-as")).toHaveText("eve");

  // A link for the user already signed in, or after signing out, goes straight in as before.
  await page.goto((await tenant.createSession({ externalId: "eve" })).url);
  await expect(page.getByTestId("signed-in-as")).toHaveText("eve");
});
