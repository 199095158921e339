import { consoleLink, expect, signIn, test } from "./fixtures/console";

/**
 * Signing in to the console (docs/console.md "Signing in"): a one-time link, redeemed by Continue,
 * refused the second time; the operator's view and a workspace admin's, which never shows another
 * workspace, not even by editing the address; revocation by the operator acting at the next
 * navigation; sign out.
 */

test("a link opens a page that asks first; Continue signs in once; the same link then says it was used", async ({ page, keyport }) => {
  const link = await consoleLink(keyport);
  // Reading the link changes nothing: a scanner that fetches it leaves it usable.
  const scanned = await page.request.get(link.url);
  expect(scanned.status()).toBe(200);
  expect(await scanned.text()).toContain("operator console");

  await page.goto(link.url);
  await expect(page.getByRole("heading", { name: "Sign in to the console" })).toBeVisible();
  await expect(page.getByText("every workspace on this server")).toBeVisible();
  // The code leaves the address bar before anything is pressed.
  await expect.poll(() => new URL(page.url()).search).toBe("");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((u) => u.pathname === "/console");
  await expect(page.getByRole("heading", { name: "Workspaces", level: 1 })).toBeVisible();
  await expect(page.getByTestId("console-viewer")).toHaveText("Signed in as operator");

  // The same link, opened again (by anyone): refused, with what to do next.
  const again = await page.goto(link.url);
  expect(again?.status()).toBe(410);
  await expect(page.getByRole("heading", { name: "This sign-in link has been used" })).toBeVisible();
  await expect(page.getByText("keyport console-link", { exact: false }).first()).toBeVisible();

  // A second browser that replays the Continue form gets the same refusal and no session.
  const other = await page.context().browser()!.newContext();
  const replay = await other.request.post(new URL("/console/sign-in", link.url).toString(), {
    form: { code: new URL(link.url).searchParams.get("code")! },
    headers: { Origin: new URL(link.url).origin },
    maxRedirects: 0,
  });
  expect(replay.status()).toBe(410);
  expect(replay.headers()["set-cookie"]).toBeUndefined();
  await other.close();
});

test("unknown and cut-off links are refused with their own page; a cross-site Continue changes nothing", async ({ page, keyport }) => {
  const unknown = await page.goto("/console/sign-in?code=kcl_4MkVQKnNqUEomn8xEVeRkV3DF4TyoCuAkp");
  expect(unknown?.status()).toBe(401);
  await expect(page.getByRole("heading", { name: "This sign-in link isn’t valid" })).toBeVisible();
  const bare = await page.goto("/console/sign-in");
  expect(bare?.status()).toBe(401);
  await expect(page.getByRole("heading", { name: "This sign-in link isn’t complete" })).toBeVisible();

  const link = await consoleLink(keyport);
  const forged = await page.request.post("/console/sign-in", { form: { code: new URL(link.url).searchParams.get("code")! }, headers: { Origin: "https://evil.example" }, maxRedirects: 0 });
  expect(forged.status()).toBe(403);
  // Still unused: it signs in normally afterwards.
  await signIn(page, link);
});

test("a workspace admin sees only their workspace, also when editing the address", async ({ page, keyport, consoleAs }) => {
  const mine = await keyport.tenant({ name: "Mine Inc" });
  const theirs = await keyport.tenant({ name: "Theirs Inc" });
  await consoleAs({ workspaceId: mine.workspaceId });
  await expect(page.getByTestId("console-viewer")).toHaveText("Admin of Mine Inc");
  // No way back to a list of every workspace.
  await expect(page.getByRole("link", { name: "Workspaces" })).toHaveCount(0);

  // The start page sends the admin to their workspace.
  await page.goto("/console");
  await page.waitForURL((u) => u.pathname === `/console/w/${mine.workspaceId}`);

  // Another workspace's pages answer exactly as a workspace that does not exist.
  for (const path of ["", "/apis", "/root-keys"]) {
    const other = await page.goto(`/console/w/${theirs.workspaceId}${path}`);
    expect(other?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(page.getByText("Theirs Inc")).toHaveCount(0);
    const body = await page.content();
    const missing = await page.goto(`/console/w/ws_doesNotExist123${path}`);
    expect(missing?.status()).toBe(404);
    expect(strip(await page.content())).toBe(strip(body).replaceAll(theirs.workspaceId, "ws_doesNotExist123"));
  }
});

test("the operator sees every workspace and opens any", async ({ page, keyport, consoleAs }) => {
  const a = await keyport.tenant({ name: "Alpha Op" });
  const b = await keyport.tenant({ name: "Beta Op" });
  await consoleAs();
  await expect(page.getByRole("link", { name: "Alpha Op", exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Open Beta Op" }).click();
  await page.waitForURL((u) => u.pathname === `/console/w/${b.workspaceId}`);
  await expect(page.getByRole("heading", { name: "Beta Op", level: 1 })).toBeVisible();
  await page.goto(`/console/w/${a.workspaceId}`);
  await expect(page.getByRole("heading", { name: "Alpha Op", level: 1 })).toBeVisible();
});

test("console.revokeSessions signs the browser out at its next navigation", async ({ page, keyport, consoleAs }) => {
  const t = await keyport.tenant({ name: "Revoked Co" });
  await consoleAs({ workspaceId: t.workspaceId });
  await expect(page.getByRole("heading", { name: "Revoked Co", level: 1 })).toBeVisible();
  expect(await keyport.operator("console.revokeSessions", { workspaceId: t.workspaceId })).toEqual({ revoked: 1 });
  // A client-side navigation (the section row) and a full load both land on the signed-out page.
  await page.getByRole("link", { name: "APIs", exact: true }).click();
  await page.waitForURL((u) => u.pathname === "/console/signed-out");
  await expect(page.getByRole("heading", { name: "You’re signed out of the console" })).toBeVisible();
  await page.goto(`/console/w/${t.workspaceId}`);
  await page.waitForURL((u) => u.pathname === "/console/signed-out");
});

test("sign out ends the session: the old cookie, replayed, opens nothing", async ({ page, keyport, consoleAs }) => {
  const t = await keyport.tenant({ name: "Leaving Ltd" });
  await consoleAs({ workspaceId: t.workspaceId });
  const cookie = (await page.context().cookies()).find((c) => c.name === "console_session");
  expect(cookie).toMatchObject({ path: "/console", httpOnly: true, sameSite: "Strict" });
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((u) => u.pathname === "/console/signed-out");
  expect((await page.context().cookies()).find((c) => c.name === "console_session")).toBeUndefined();
  // The seal it held is worthless now: the session row is revoked.
  await page.context().addCookies([{ ...cookie!, expires: -1 }]);
  await page.goto(`/console/w/${t.workspaceId}`);
  await page.waitForURL((u) => u.pathname === "/console/signed-out");
});

/** A page's HTML without what differs per render (Next's build ids, nonces and request-scoped ids). */
function strip(html: string): string {
  return html.replace(/<script[\s\S]*?<\/script>/g, "").replace(/\s+/g, " ");
}
