import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, portalConfigs, portalSessions } from "@/db/schema";
import { createConsoleLink } from "@/lib/console/create-link";
import { signInWithCode } from "@/lib/console/sign-in";
import type { ConsoleViewer } from "@/lib/console/viewer";
import { createPortalFromForm } from "@/lib/console/portals/create-portal-from-form";
import { deletePortalConfirmed } from "@/lib/console/portals/delete-portal-confirmed";
import { openAsTestUser } from "@/lib/console/portals/open-as-test-user";
import { newPortalValues, type PortalFormValues, valuesOf } from "@/lib/console/portals/portal-form";
import { loadPortalEditor } from "@/lib/console/portals/portal-editor";
import { listPortalPage } from "@/lib/console/portals/portal-list";
import { setPortalEnabled } from "@/lib/console/portals/set-portal-enabled";
import { updatePortalFromForm } from "@/lib/console/portals/update-portal-from-form";
import { codeOf, seedApi } from "@/lib/testing/portal-fixtures";
import { post, seedWorkspace } from "@/lib/testing/fixtures";
import { BACKENDS } from "@/lib/testing/test-db";
import { useTestApp } from "@/lib/testing/test-app";

const TOKEN = "kpo_console_portals_operator_token_0123456789";

/** A real console session, signed in through a one-time link as the browser does: `workspaceId` → its admin, else the operator. */
async function signedIn(db: Parameters<typeof createConsoleLink>[0]["db"], workspaceId?: string): Promise<ConsoleViewer> {
  const link = await createConsoleLink({ db, input: { workspaceId }, actor: { type: "operator", id: "test" } });
  const signed = await signInWithCode(db, new URL(link.url).searchParams.get("code") ?? "");
  if (!signed.ok) throw new Error(`sign-in failed: ${signed.reason}`);
  return { sessionId: signed.session.sessionId, workspaceId: signed.session.workspaceId };
}

/**
 * The console's portal actions (docs/console.md "Portals") on a real database: the same verbs and
 * schemas as the operator API, so what the console saves is what portals.list answers, every
 * refusal is the API's and changes nothing, and every change is audited under the console's actor.
 */
describe.each(BACKENDS)("console portal actions on %s", (backend) => {
  const app = useTestApp(backend, { env: { KEYPORT_OPERATOR_TOKEN: TOKEN } });
  const op = (name: string, body: unknown) => post(app.url, `/operator/v1/${name}`, body, TOKEN);
  const db = () => app.db.db;
  let workspaceId: string;
  let otherWorkspaceId: string;
  let apiA: string;
  let apiB: string;
  let foreignApi: string;
  /** The admin of `workspaceId`, and the operator (every workspace). */
  let admin: ConsoleViewer;
  let operator: ConsoleViewer;
  let adminActor: string;

  beforeAll(async () => {
    ({ workspaceId } = await seedWorkspace("Acme"));
    ({ workspaceId: otherWorkspaceId } = await seedWorkspace("Other"));
    apiA = await seedApi(workspaceId, "payments");
    // A portal lists its APIs oldest first: a later millisecond keeps the order of the two certain.
    await new Promise((r) => setTimeout(r, 5));
    apiB = await seedApi(workspaceId, "search");
    foreignApi = await seedApi(otherWorkspaceId, "theirs");
    admin = await signedIn(db(), workspaceId);
    operator = await signedIn(db());
    adminActor = `console:${admin.sessionId}`;
  });

  const events = async (resourceId: string) =>
    (await db().select().from(auditLog).where(eq(auditLog.resourceId, resourceId))).map((e) => ({ event: e.event, actor: `${e.actorType}:${e.actorId}`, meta: e.meta }));
  const portalCount = async (ws = workspaceId) => (await db().select({ id: portalConfigs.id }).from(portalConfigs).where(eq(portalConfigs.workspaceId, ws))).length;

  function form(slug: string, extra: Partial<PortalFormValues> = {}): PortalFormValues {
    return { ...newPortalValues([apiA]), slug, ...extra };
  }

  it("a portal created in the console is in portals.list with exactly the form's fields, audited as the console", async () => {
    const values = form("acme-dev", {
      apiIds: [apiA, apiB],
      displayName: "Acme Developers",
      logoUrl: "https://cdn.acme.test/logo.svg",
      primaryColor: "#0f766e",
      returnUrl: "https://app.acme.test/settings",
      apiBaseUrl: "https://api.acme.test",
      sessionPolicy: "sliding",
      maxKeys: "5",
      docsMarkdown: "Call **us**.",
      embedOrigins: "https://App.Acme.test\nhttp://localhost:5173",
      showKeyMeta: true,
      keyPrefix: "acme",
      credits: true,
      creditsRemaining: "100",
      ratelimits: [{ name: "requests", limit: "10", duration: "1000", autoApply: false }],
    });
    const res = await createPortalFromForm({ db: db(), viewer: admin, workspaceId, values });
    if (!res.ok) throw new Error(JSON.stringify(res));
    const listed = await op("portals.list", { workspaceId });
    expect(listed.status, listed.text).toBe(200);
    const portal = listed.body.data.portals.find((p: { slug: string }) => p.slug === "acme-dev");
    expect(portal).toEqual({
      portalId: res.data.portalId,
      workspaceId,
      slug: "acme-dev",
      displayName: "Acme Developers",
      logoUrl: "https://cdn.acme.test/logo.svg",
      primaryColor: "#0f766e",
      returnUrl: "https://app.acme.test/settings",
      apiBaseUrl: "https://api.acme.test",
      docsMarkdown: "Call **us**.",
      sessionPolicy: "sliding",
      maxKeys: 5,
      keyTemplate: { prefix: "acme", credits: { remaining: 100 }, ratelimits: [{ name: "requests", limit: 10, duration: 1000, autoApply: false }] },
      enabled: true,
      showKeyMeta: true,
      embedOrigins: ["https://app.acme.test", "http://localhost:5173"],
      apiIds: [apiA, apiB],
      createdAt: expect.any(Number),
    });
    expect(await events(res.data.portalId)).toEqual([{ event: "portal.create", actor: adminActor, meta: { slug: "acme-dev" } }]);
    // The edit page's form shows exactly what was saved.
    const editor = await loadPortalEditor({ db: db(), workspaceId, portalId: res.data.portalId });
    expect(valuesOf(editor.portal!)).toEqual({ ...values, embedOrigins: "https://app.acme.test\nhttp://localhost:5173" });
    expect(editor.apis.map((a) => a.name)).toEqual(["payments", "search"]);
  });

  it("a forged call (values that are not the form's shape) is refused before anything is read", async () => {
    const before = await portalCount();
    const res = await createPortalFromForm({ db: db(), viewer: admin, workspaceId, values: { ...form("forged"), slug: { toString: "x" }, extra: 1 } });
    expect(res.ok === false && res.status).toBe(400);
    expect(res.ok === false && Object.keys(res.fieldErrors).sort()).toEqual(["extra", "slug"]);
    const none = await updatePortalFromForm({ db: db(), viewer: admin, workspaceId, portalId: "pc_x", values: null });
    expect(none.ok === false && none.status).toBe(400);
    expect(await portalCount()).toBe(before);
  });

  it("an invalid form is refused with the API's messages next to each field, and nothing is created", async () => {
    const before = await portalCount();
    const res = await createPortalFromForm({ db: db(), viewer: admin, workspaceId, values: form("Not A Slug", { primaryColor: "#12", embedOrigins: "javascript:alert(1)" }) });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.status).toBe(400);
    expect(res.message).toBe("Check the highlighted fields: nothing was saved.");
    expect(res.fieldErrors).toEqual({
      slug: [expect.stringMatching(/^Invalid slug: /)],
      primaryColor: ["Invalid colour: a colour is #rgb or #rrggbb in hex digits."],
      embedOrigins: ["embedOrigins.0 must be an origin such as https://app.example.com."],
    });
    expect(await portalCount()).toBe(before);
  });

  it("a slug already taken and another workspace's API are refused at their fields", async () => {
    await createPortalFromForm({ db: db(), viewer: admin, workspaceId, values: form("taken") });
    const before = await portalCount();
    const dup = await createPortalFromForm({ db: db(), viewer: admin, workspaceId, values: form("taken") });
    expect(dup).toEqual({ ok: false, status: 409, message: `Workspace ${workspaceId} already has a portal with the slug "taken".`, fieldErrors: { slug: [`Workspace ${workspaceId} already has a portal with the slug "taken".`] } });
    const foreign = await createPortalFromForm({ db: db(), viewer: admin, workspaceId, values: form("foreign", { apiIds: [foreignApi] }) });
    expect(foreign.ok === false && foreign.fieldErrors).toEqual({ apiIds: [`"${foreignApi}" is not an API of workspace ${workspaceId}.`] });
    expect(await portalCount()).toBe(before);
  });

  it("Save sends only what changed (audited by field), nothing when nothing changed, and refuses a bad edit whole", async () => {
    const created = await createPortalFromForm({ db: db(), viewer: admin, workspaceId, values: form("editable", { displayName: "Before", primaryColor: "#111111", logoUrl: "https://cdn.acme.test/a.png" }) });
    if (!created.ok) throw new Error(JSON.stringify(created));
    const portalId = created.data.portalId;
    const stored = (await loadPortalEditor({ db: db(), workspaceId, portalId })).portal!;

    const same = await updatePortalFromForm({ db: db(), viewer: admin, workspaceId, portalId, values: valuesOf(stored) });
    expect(same).toEqual({ ok: true, data: { portalId, changed: [], values: valuesOf(stored) } });
    expect((await events(portalId)).map((e) => e.event)).toEqual(["portal.create"]);

    const edited = { ...valuesOf(stored), displayName: "After", primaryColor: "#0f766e", logoUrl: "", apiIds: [apiB, apiA] };
    const saved = await updatePortalFromForm({ db: db(), viewer: admin, workspaceId, portalId, values: edited });
    expect(saved).toMatchObject({ ok: true, data: { portalId, changed: ["apiIds", "displayName", "logoUrl", "primaryColor"] } });
    expect(saved.ok && saved.data.values).toEqual({ ...edited, apiIds: [apiA, apiB] });
    const got = (await op("portals.get", { workspaceId, portal: portalId })).body.data;
    expect(got).toMatchObject({ displayName: "After", primaryColor: "#0f766e", apiIds: [apiA, apiB] });
    expect(got).not.toHaveProperty("logoUrl");
    expect((await events(portalId)).at(-1)).toEqual({ event: "portal.update", actor: adminActor, meta: { fields: ["displayName", "logoUrl", "primaryColor", "apiIds"] } });

    const bad = await updatePortalFromForm({ db: db(), viewer: admin, workspaceId, portalId, values: { ...edited, slug: "-bad-", displayName: "Never saved" } });
    expect(bad.ok === false && Object.keys(bad.fieldErrors)).toEqual(["slug"]);
    expect((await op("portals.get", { workspaceId, portal: portalId })).body.data).toMatchObject({ slug: "editable", displayName: "After" });
    expect(await events(portalId)).toHaveLength(2);
  });

  it("enable and disable write their own events; a disabled portal still opens as a test user (preview)", async () => {
    const created = await createPortalFromForm({ db: db(), viewer: admin, workspaceId, values: form("toggle") });
    if (!created.ok) throw new Error(JSON.stringify(created));
    const portalId = created.data.portalId;
    expect(await setPortalEnabled({ db: db(), viewer: admin, workspaceId, portalId, enabled: false })).toEqual({ ok: true, data: { enabled: false } });
    expect((await op("portals.get", { workspaceId, portal: portalId })).body.data.enabled).toBe(false);
    expect(await setPortalEnabled({ db: db(), viewer: admin, workspaceId, portalId, enabled: true })).toEqual({ ok: true, data: { enabled: true } });
    await setPortalEnabled({ db: db(), viewer: admin, workspaceId, portalId, enabled: false });
    expect((await events(portalId)).map((e) => e.event)).toEqual(["portal.create", "portal.disable", "portal.enable", "portal.disable"]);

    const opened = await openAsTestUser({ db: db(), viewer: admin, workspaceId, portalId, externalId: " console-test-user " });
    if (!opened.ok) throw new Error(JSON.stringify(opened));
    expect(opened.data.url).toMatch(new RegExp(`^http://localhost:3000/portal/${portalId}\\?session=pst_`));
    const [row] = await db().select().from(portalSessions).where(eq(portalSessions.portalId, portalId));
    expect(row).toMatchObject({ externalId: "console-test-user", preview: true, createdBy: admin.sessionId, workspaceId });
    expect(row!.permissions.sort()).toEqual(["create_key", "delete_key", "read_analytics", "read_key", "reroll_key", "update_key"].map((a) => `api.${apiA}.${a}`).sort());
    const minted = await db().select().from(auditLog).where(and(eq(auditLog.resourceId, row!.id), eq(auditLog.event, "portal.session.create")));
    expect(minted.map((e) => `${e.actorType}:${e.actorId}`)).toEqual([adminActor]);
    // The link works: the exchange gives a preview session.
    const exchanged = await post(app.url, "/v2/portal.exchangeCode", { code: codeOf(opened.data.url) });
    expect(exchanged.status, exchanged.text).toBe(200);
  });

  it("a test user's externalId is checked by createSession's schema; nothing is minted on a refusal", async () => {
    const created = await createPortalFromForm({ db: db(), viewer: admin, workspaceId, values: form("tester") });
    if (!created.ok) throw new Error(JSON.stringify(created));
    const res = await openAsTestUser({ db: db(), viewer: admin, workspaceId, portalId: created.data.portalId, externalId: "" });
    expect(res.ok === false && res.fieldErrors).toEqual({ externalId: ["Too small: expected string to have >=1 characters"] });
    expect(await db().select().from(portalSessions).where(eq(portalSessions.portalId, created.data.portalId))).toEqual([]);
  });

  it("delete needs the slug typed exactly; then the portal and its sessions are gone, audited", async () => {
    const created = await createPortalFromForm({ db: db(), viewer: admin, workspaceId, values: form("doomed") });
    if (!created.ok) throw new Error(JSON.stringify(created));
    const portalId = created.data.portalId;
    await openAsTestUser({ db: db(), viewer: admin, workspaceId, portalId, externalId: "u1" });
    const wrong = deletePortalConfirmed({ db: db(), viewer: admin, workspaceId, portalId, confirmation: "Doomed" });
    await expect(wrong).rejects.toMatchObject({ code: "unkey/application/invalid_input", errors: [{ location: "confirm", message: "Type the portal's slug, doomed, to delete it.", fix: "Type doomed exactly, to confirm." }] });
    expect((await op("portals.get", { workspaceId, portal: portalId })).status).toBe(200);

    expect(await deletePortalConfirmed({ db: db(), viewer: admin, workspaceId, portalId, confirmation: " doomed " })).toEqual({ slug: "doomed" });
    expect((await op("portals.get", { workspaceId, portal: portalId })).status).toBe(404);
    expect(await db().select().from(portalSessions).where(eq(portalSessions.portalId, portalId))).toEqual([]);
    expect((await events(portalId)).map((e) => [e.event, e.actor])).toEqual([
      ["portal.create", adminActor],
      ["portal.delete", adminActor],
    ]);
  });

  it("another workspace's portal is not found by any action, and nothing of it changes", async () => {
    const theirs = await createPortalFromForm({ db: db(), viewer: operator, workspaceId: otherWorkspaceId, values: { ...newPortalValues([foreignApi]), slug: "theirs" } });
    if (!theirs.ok) throw new Error(JSON.stringify(theirs));
    const portalId = theirs.data.portalId;
    const notFound = { ok: false, status: 404, message: `No portal "${portalId}" in workspace ${workspaceId}.`, fieldErrors: {} };
    expect(await setPortalEnabled({ db: db(), viewer: admin, workspaceId, portalId, enabled: false })).toEqual(notFound);
    await expect(deletePortalConfirmed({ db: db(), viewer: admin, workspaceId, portalId, confirmation: "theirs" })).rejects.toMatchObject({ code: "unkey/data/portal_config_not_found", status: 404 });
    expect(await updatePortalFromForm({ db: db(), viewer: admin, workspaceId, portalId, values: { ...newPortalValues([apiA]), slug: "theirs", displayName: "Mine" } })).toEqual(notFound);
    const minted = await openAsTestUser({ db: db(), viewer: admin, workspaceId, portalId, externalId: "u" });
    expect(minted.ok === false && minted.status).toBe(404);
    await expect(loadPortalEditor({ db: db(), workspaceId, portalId })).rejects.toMatchObject({ code: "unkey/data/portal_config_not_found" });
    expect((await op("portals.get", { workspaceId: otherWorkspaceId, portal: portalId })).body.data).toMatchObject({ enabled: true, slug: "theirs", displayName: "Other" });
  });

  it("a workspace admin acts on their own workspace only: another one is not found, and nothing of it changes", async () => {
    const theirs = await createPortalFromForm({ db: db(), viewer: operator, workspaceId: otherWorkspaceId, values: { ...newPortalValues([foreignApi]), slug: "scoped" } });
    if (!theirs.ok) throw new Error(JSON.stringify(theirs));
    const portalId = theirs.data.portalId;
    const notFound = { ok: false, status: 404, message: `No workspace with id "${otherWorkspaceId}".`, fieldErrors: {} };
    const before = await portalCount(otherWorkspaceId);
    expect(await createPortalFromForm({ db: db(), viewer: admin, workspaceId: otherWorkspaceId, values: { ...newPortalValues([foreignApi]), slug: "intruder" } })).toEqual(notFound);
    expect(await updatePortalFromForm({ db: db(), viewer: admin, workspaceId: otherWorkspaceId, portalId, values: { ...newPortalValues([foreignApi]), slug: "scoped", displayName: "Mine" } })).toEqual(notFound);
    expect(await setPortalEnabled({ db: db(), viewer: admin, workspaceId: otherWorkspaceId, portalId, enabled: false })).toEqual(notFound);
    expect(await openAsTestUser({ db: db(), viewer: admin, workspaceId: otherWorkspaceId, portalId, externalId: "u" })).toEqual(notFound);
    await expect(deletePortalConfirmed({ db: db(), viewer: admin, workspaceId: otherWorkspaceId, portalId, confirmation: "scoped" })).rejects.toMatchObject({ code: "keyport/data/workspace_not_found" });
    expect(await portalCount(otherWorkspaceId)).toBe(before);
    expect((await op("portals.get", { workspaceId: otherWorkspaceId, portal: portalId })).body.data).toMatchObject({ enabled: true, displayName: "Other" });
    expect(await events(portalId)).toEqual([{ event: "portal.create", actor: `console:${operator.sessionId}`, meta: { slug: "scoped" } }]);
  });

  it("the list pages by slug, names each portal's APIs and counts live sessions", async () => {
    const { workspaceId: ws } = await seedWorkspace("Lister");
    const lister = await signedIn(db(), ws);
    const api = await seedApi(ws, "only");
    for (const slug of ["c-portal", "a-portal", "b-portal"]) {
      const r = await createPortalFromForm({ db: db(), viewer: lister, workspaceId: ws, values: { ...newPortalValues([api]), slug, embedOrigins: slug === "a-portal" ? "https://a.example.com\nhttps://b.example.com" : "" } });
      if (!r.ok) throw new Error(JSON.stringify(r));
    }
    const first = await listPortalPage({ db: db(), workspaceId: ws, limit: 2 });
    expect(first.rows.map((r) => r.slug)).toEqual(["a-portal", "b-portal"]);
    expect(first.next).toBe("b-portal");
    expect(first.rows[0]).toMatchObject({ displayName: "Lister", enabled: true, apis: [{ id: api, name: "only" }], embedOrigins: 2, liveSessions: 0 });
    const second = await listPortalPage({ db: db(), workspaceId: ws, after: first.next, limit: 2 });
    expect(second.rows.map((r) => r.slug)).toEqual(["c-portal"]);
    expect(second.next).toBeUndefined();

    // Two exchanged sessions and one unredeemed link: two live.
    const portalId = first.rows[0]!.portalId;
    for (const user of ["u1", "u2", "u3"]) {
      const opened = await openAsTestUser({ db: db(), viewer: lister, workspaceId: ws, portalId, externalId: user });
      if (!opened.ok) throw new Error(JSON.stringify(opened));
      if (user !== "u3") expect((await post(app.url, "/v2/portal.exchangeCode", { code: codeOf(opened.data.url) })).status).toBe(200);
    }
    expect((await listPortalPage({ db: db(), workspaceId: ws })).rows.map((r) => [r.slug, r.liveSessions])).toEqual([
      ["a-portal", 2],
      ["b-portal", 0],
      ["c-portal", 0],
    ]);
  });
});
