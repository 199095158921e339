import { Unkey } from "@unkey/api";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, portalSessions } from "@/db/schema";
import { now } from "@/lib/clock";
import { sha256 } from "@/lib/crypto/secrets";
import { codeOf, seedApi, seedPortal } from "@/lib/testing/portal-fixtures";
import { expectError } from "@/lib/testing/expect-error";
import { post, seedRootKey, seedWorkspace } from "@/lib/testing/fixtures";
import { BACKENDS } from "@/lib/testing/test-db";
import { useTestApp } from "@/lib/testing/test-app";

describe.each(BACKENDS)("portal.createSession on %s", (backend) => {
  const app = useTestApp(backend);
  let rootKey: string;
  let workspaceId: string;
  let apiA: string;
  let apiB: string;
  let outsideApi: string;
  let portalId: string;
  let disabledPortalId: string;

  beforeAll(async () => {
    ({ rootKey, workspaceId } = await seedWorkspace());
    apiA = await seedApi(workspaceId, "a");
    apiB = await seedApi(workspaceId, "b");
    outsideApi = await seedApi(workspaceId, "outside");
    portalId = await seedPortal(workspaceId, { slug: "my-portal", apiIds: [apiA, apiB] });
    disabledPortalId = await seedPortal(workspaceId, { slug: "sleepy", apiIds: [apiA], enabled: false });
  });

  const sessionCount = async () => (await app.db.db.select({ id: portalSessions.id }).from(portalSessions)).length;

  it("accepts the older docs' curl body and answers exactly {sessionId, url} (the ps_ id, never the code), no-cache, a 15-minute code", async () => {
    const before = now();
    const res = await post(app.url, "/v2/portal.createSession", { slug: "my-portal", externalId: "user_123", permissions: ["api.*.read_key"] }, rootKey);
    const after = now();
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("pragma")).toBe("no-cache");
    expect(Object.keys(res.body.data).sort()).toEqual(["sessionId", "url"]);
    const { sessionId: id, url } = res.body.data;
    expect(id).toMatch(/^ps_/);
    expect(url).toMatch(new RegExp(`^http://localhost:3000/portal/${portalId}\\?session=pst_[1-9A-HJ-NP-Za-km-z]{22,}$`));
    const [row] = await app.db.db.select().from(portalSessions).where(eq(portalSessions.id, id));
    // The code's 15 minutes are documented (docs/api.md), not answered: exactly 15 min from the row's
    // creation, which happened during the request (when exactly, real time under the offset clock hides).
    expect(row!.codeExpiresAt).toBe(row!.createdAt + 15 * 60_000);
    expect(row!.createdAt).toBeGreaterThanOrEqual(before);
    expect(row!.createdAt).toBeLessThanOrEqual(after);
    // Only the hash is stored; the session holds concrete per-API permissions.
    expect(row?.codeHash).toBe(sha256(codeOf(url)));
    expect(JSON.stringify(row)).not.toContain(codeOf(url));
    expect(row?.permissions.sort()).toEqual([`api.${apiA}.read_key`, `api.${apiB}.read_key`].sort());
    const audit = await app.db.db.select().from(auditLog).where(eq(auditLog.resourceId, id));
    expect(audit.map((a) => a.event)).toEqual(["portal.session.create"]);
    expect(audit[0]?.actorType).toBe("root_key");
  });

  it("accepts the SDK form by slug and by pc_ id, scopes mapped onto permissions", async () => {
    const bySlug = await post(app.url, "/v2/portal.createSession", { portal: "my-portal", externalId: "user_1", scopes: ["keys:read", "analytics:read"], preview: false }, rootKey);
    expect(bySlug.status, bySlug.text).toBe(200);
    const byId = await post(app.url, "/v2/portal.createSession", { portal: portalId, externalId: "user_1", scopes: ["keys:reroll"], preview: false, returnUrl: "https://app.example.com/keys" }, rootKey);
    expect(byId.status, byId.text).toBe(200);
    // Unkey's current document closes data to {id, url}.
    for (const res of [bySlug, byId]) {
      expect(Object.keys(res.body.data).sort()).toEqual(["id", "url"]);
      expect(res.headers.get("pragma")).toBe("no-cache");
    }
    const [row] = await app.db.db.select().from(portalSessions).where(eq(portalSessions.id, byId.body.data.id));
    expect(row?.permissions.sort()).toEqual([`api.${apiA}.reroll_key`, `api.${apiB}.reroll_key`].sort());
    expect(row?.returnUrl).toBe("https://app.example.com/keys");
  });

  it("works through the official SDK", async () => {
    const unkey = new Unkey({ rootKey, serverURL: app.url });
    const res = await unkey.portal.createSession({ portal: "my-portal", externalId: "user_sdk", scopes: ["keys:read", "keys:reroll", "analytics:read"] });
    expect(res.result.data.id).toMatch(/^ps_/);
    expect(codeOf(res.result.data.url)).toMatch(/^pst_/);
    expect(res.headers.pragma).toEqual(["no-cache"]);
  });

  it("accepts Unkey's interim form, scope names in permissions (2026-07-09 to 2026-08-19), answering {sessionId, url}", async () => {
    const res = await post(app.url, "/v2/portal.createSession", { slug: "my-portal", externalId: "user_interim", permissions: ["keys:read", "analytics:read"] }, rootKey);
    expect(res.status, res.text).toBe(200);
    expect(Object.keys(res.body.data).sort()).toEqual(["sessionId", "url"]);
    const [row] = await app.db.db.select().from(portalSessions).where(eq(portalSessions.id, res.body.data.sessionId));
    expect(row?.permissions.sort()).toEqual([`api.${apiA}.read_key`, `api.${apiB}.read_key`, `api.${apiA}.read_analytics`, `api.${apiB}.read_analytics`].sort());
    // The sessionId is the session's id, which revokeSession takes; the code stays in the URL only.
    expect(res.body.data.sessionId).not.toBe(codeOf(res.body.data.url));
    const revoked = await post(app.url, "/v2/portal.revokeSession", { sessionId: res.body.data.sessionId }, rootKey);
    expect(revoked.body.data).toEqual({ revoked: 1 });
  });

  it("a mixed form answers by how it names the portal: slug → sessionId, portal → id", async () => {
    const bySlug = await post(app.url, "/v2/portal.createSession", { slug: "my-portal", externalId: "u", scopes: ["keys:read"] }, rootKey);
    expect(Object.keys(bySlug.body.data).sort()).toEqual(["sessionId", "url"]);
    const byPortal = await post(app.url, "/v2/portal.createSession", { portal: portalId, externalId: "u", permissions: ["api.*.read_key"] }, rootKey);
    expect(Object.keys(byPortal.body.data).sort()).toEqual(["id", "url"]);
  });

  it("the interim form follows the same ceiling as the SDK's scopes", async () => {
    const { rootKey: readOnly } = await seedRootKey(workspaceId, ["portal.*.create_portal_session", "api.*.read_key", "api.*.read_api"]);
    const before = await sessionCount();
    const res = await post(app.url, "/v2/portal.createSession", { slug: "my-portal", externalId: "u", permissions: ["keys:read", "keys:reroll"] }, readOnly);
    expectError(res, 403, "unkey/authorization/insufficient_permissions");
    expect(await sessionCount()).toBe(before);
  });

  it("404 portal_config_not_found for My-Portal, hinting the lowercase slug", async () => {
    const before = await sessionCount();
    const res = await post(app.url, "/v2/portal.createSession", { slug: "My-Portal", externalId: "user_123", permissions: ["api.*.read_key"] }, rootKey);
    expectError(res, 404, "unkey/data/portal_config_not_found");
    expect(res.body.error.title).toBe("Not Found");
    expect(res.body.error.detail).toBe(
      `No portal "My-Portal" in this root key's workspace. Slugs are lowercase and matched exactly; did you mean "my-portal"? Operators create portals with \`keyport portal create\`.`,
    );
    const unknown = await post(app.url, "/v2/portal.createSession", { slug: "nope", externalId: "user_123", permissions: ["api.*.read_key"] }, rootKey);
    expectError(unknown, 404, "unkey/data/portal_config_not_found");
    expect(await sessionCount()).toBe(before);
  });

  it("404 for an unknown pc_ id or a slug whose lowercase form is no slug: no \"did you mean\" hint", async () => {
    for (const portal of ["pc_DoesNotExist12", "PC_DoesNotExist12", "My_Portal", "A--B"]) {
      const res = await post(app.url, "/v2/portal.createSession", { portal, externalId: "user_123", scopes: ["keys:read"] }, rootKey);
      expectError(res, 404, "unkey/data/portal_config_not_found");
      expect(res.body.error.detail, portal).toBe(`No portal "${portal}" in this root key's workspace. Operators create portals with \`keyport portal create\`.`);
    }
  });

  it("404 (not 401) for a root key of another workspace, by slug and by id", async () => {
    const other = await seedWorkspace("Other");
    for (const body of [
      { slug: "my-portal", externalId: "user_123", permissions: ["api.*.read_key"] },
      { portal: portalId, externalId: "user_123", scopes: ["keys:read"], preview: false },
    ]) {
      expectError(await post(app.url, "/v2/portal.createSession", body, other.rootKey), 404, "unkey/data/portal_config_not_found");
    }
  });

  it("404 for a root key without create_portal_session; a per-portal grant works", async () => {
    const body = { slug: "my-portal", externalId: "user_123", permissions: ["api.*.read_key"] };
    const noPortal = await seedRootKey(workspaceId, ["api.*.read_key", "api.*.read_api"]);
    const res = await post(app.url, "/v2/portal.createSession", body, noPortal.rootKey);
    expectError(res, 404, "unkey/data/portal_config_not_found");
    expect(res.body.error.detail).toBe(`No portal "my-portal" in this root key's workspace. Operators create portals with \`keyport portal create\`.`);
    const otherPortal = await seedRootKey(workspaceId, ["portal.pc_other.create_portal_session", "api.*.read_key", "api.*.read_api"]);
    expectError(await post(app.url, "/v2/portal.createSession", body, otherPortal.rootKey), 404, "unkey/data/portal_config_not_found");
    const scoped = await seedRootKey(workspaceId, [`portal.${portalId}.create_portal_session`, "api.*.read_key", "api.*.read_api"]);
    expect((await post(app.url, "/v2/portal.createSession", body, scoped.rootKey)).status).toBe(200);
  });

  it("403 forbidden on a disabled portal; preview:true works there", async () => {
    const body = { slug: "sleepy", externalId: "user_123", permissions: ["api.*.read_key"] };
    expectError(await post(app.url, "/v2/portal.createSession", body, rootKey), 403, "unkey/authorization/forbidden");
    const preview = await post(app.url, "/v2/portal.createSession", { ...body, preview: true }, rootKey);
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body.data.url).toContain(`/portal/${disabledPortalId}?session=`);
  });

  it.each([
    ["an unknown permission", { slug: "my-portal", externalId: "u", permissions: ["api.*.read_keys"] }, "body.permissions.0"],
    ["a permission outside the vocabulary", { slug: "my-portal", externalId: "u", permissions: ["api.*.create_api"] }, "body.permissions.0"],
    ["an unknown scope", { portal: "my-portal", externalId: "u", scopes: ["keys:delete"], preview: false }, "body.scopes.0"],
    ["an unknown scope name in permissions", { slug: "my-portal", externalId: "u", permissions: ["keys:delete"] }, "body.permissions.0"],
    ["no permissions", { slug: "my-portal", externalId: "u", permissions: [] }, "body.permissions"],
    ["both slug and portal", { slug: "my-portal", portal: "my-portal", externalId: "u", permissions: ["api.*.read_key"] }, "body.slug"],
    ["neither permissions nor scopes", { slug: "my-portal", externalId: "u" }, "body.permissions"],
    ["an unknown field", { slug: "my-portal", externalId: "u", permissions: ["api.*.read_key"], admin: true }, "body.admin"],
    ["an empty externalId", { slug: "my-portal", externalId: "", permissions: ["api.*.read_key"] }, "body.externalId"],
    ["a control character in externalId", { slug: "my-portal", externalId: "u\n1", permissions: ["api.*.read_key"] }, "body.externalId"],
  ])("400 invalid_input for %s", async (_name, body, location) => {
    const before = await sessionCount();
    const res = await post(app.url, "/v2/portal.createSession", body, rootKey);
    expectError(res, 400, "unkey/application/invalid_input");
    expect(res.body.error.errors.map((e: { location: string }) => e.location)).toEqual([location]);
    expect(await sessionCount()).toBe(before);
  });

  it("400 for api.<apiId>.<action> naming an API outside the portal; a portal API by id works", async () => {
    const res = await post(app.url, "/v2/portal.createSession", { slug: "my-portal", externalId: "u", permissions: [`api.${outsideApi}.read_key`] }, rootKey);
    expectError(res, 400, "unkey/application/invalid_input");
    expect(res.body.error.errors[0].location).toBe("body.permissions.0");
    const ok = await post(app.url, "/v2/portal.createSession", { slug: "my-portal", externalId: "u", permissions: [`api.${apiA}.read_key`] }, rootKey);
    expect(ok.status).toBe(200);
    const [row] = await app.db.db.select().from(portalSessions).where(eq(portalSessions.id, ok.body.data.sessionId));
    expect(row?.permissions).toEqual([`api.${apiA}.read_key`]);
  });

  describe("ceiling: a session never holds more than its root key", () => {
    const mint = "portal.*.create_portal_session";
    it.each([
      [["api.*.read_key"], ["api.*.read_key"], "read_api"],
      [["api.*.read_api"], ["api.*.read_key"], "read_key"],
      [["api.*.read_key", "api.*.read_api"], ["api.*.reroll_key"], "create_key"],
      [["api.*.read_key", "api.*.read_api"], ["api.*.create_key"], "create_key"],
      [["api.*.create_key"], ["api.*.update_key"], "update_key"],
      [["api.*.create_key"], ["api.*.delete_key"], "delete_key"],
      [["api.*.create_key"], ["api.*.read_analytics"], "read_analytics"],
    ])("root key %j asking %j → 403 naming %s", async (held, asked, missing) => {
      const { rootKey: weak } = await seedRootKey(workspaceId, [mint, ...held]);
      const before = await sessionCount();
      const res = await post(app.url, "/v2/portal.createSession", { slug: "my-portal", externalId: "u", permissions: asked }, weak);
      expectError(res, 403, "unkey/authorization/insufficient_permissions");
      expect(res.body.error.detail).toContain(`.${missing}"`);
      expect(await sessionCount()).toBe(before);
    });

    it("checks every API the session reaches: a grant on one API of two is not enough for api.*", async () => {
      const { rootKey: half } = await seedRootKey(workspaceId, [mint, `api.${apiA}.read_key`, `api.${apiA}.read_api`]);
      const res = await post(app.url, "/v2/portal.createSession", { slug: "my-portal", externalId: "u", permissions: ["api.*.read_key"] }, half);
      expectError(res, 403, "unkey/authorization/insufficient_permissions");
      expect(res.body.error.detail).toContain(apiB);
      const narrow = await post(app.url, "/v2/portal.createSession", { slug: "my-portal", externalId: "u", permissions: [`api.${apiA}.read_key`] }, half);
      expect(narrow.status).toBe(200);
    });

    it("the SDK's scopes follow the same ceiling", async () => {
      const { rootKey: readOnly } = await seedRootKey(workspaceId, [mint, "api.*.read_key", "api.*.read_api"]);
      const ok = await post(app.url, "/v2/portal.createSession", { portal: "my-portal", externalId: "u", scopes: ["keys:read"], preview: false }, readOnly);
      expect(ok.status).toBe(200);
      const res = await post(app.url, "/v2/portal.createSession", { portal: "my-portal", externalId: "u", scopes: ["keys:read", "keys:reroll"], preview: false }, readOnly);
      expectError(res, 403, "unkey/authorization/insufficient_permissions");
    });
  });

  it.each([
    "javascript:alert(1)",
    "//evil.example/x",
    "/relative/path",
    "http://app.example.com/keys",
    "ftp://app.example.com/",
    "data:text/html,hi",
    "https://app.example.com/" + "a".repeat(480),
    "https://app.example.com/\nx",
    "https://app.example.com/ x",
    "https://user:pass@app.example.com/",
    "not a url",
  ])("400 for returnUrl %j", async (returnUrl) => {
    const res = await post(app.url, "/v2/portal.createSession", { slug: "my-portal", externalId: "u", permissions: ["api.*.read_key"], returnUrl }, rootKey);
    expectError(res, 400, "unkey/application/invalid_input");
    expect(res.body.error.errors[0].location).toBe("body.returnUrl");
  });

  it.each(["https://app.example.com/settings?tab=keys", "http://localhost:5173/back", "http://127.0.0.1:8080/"])("accepts returnUrl %j", async (returnUrl) => {
    const res = await post(app.url, "/v2/portal.createSession", { slug: "my-portal", externalId: "u", permissions: ["api.*.read_key"], returnUrl }, rootKey);
    expect(res.status, res.text).toBe(200);
  });

  it("401 missing without a root key", async () => {
    expectError(await post(app.url, "/v2/portal.createSession", { slug: "my-portal", externalId: "u", permissions: ["api.*.read_key"] }), 401, "unkey/authentication/missing");
  });
});
