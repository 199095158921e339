import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditLog, portalConfigs, portalSessions } from "@/db/schema";
import { BACKENDS } from "@/lib/testing/test-db";
import { useTestApp } from "@/lib/testing/test-app";
import { post } from "@/lib/testing/fixtures";

const TOKEN = "kpo_test_operator_token_0123456789abcdef";
const OLD = "kpo_rotated_out_but_still_listed_0123456789";
const TYPE = "http://localhost:3000/docs/errors/";

describe.each(BACKENDS)("operator API on %s", (backend) => {
  const app = useTestApp(backend, { env: { KEYPORT_OPERATOR_TOKEN: `${TOKEN}, ${OLD}` } });
  const op = (name: string, body: unknown, token: string | null = TOKEN) => post(app.url, `/operator/v1/${name}`, body, token ?? undefined);

  async function workspaceWithApi(name = "Acme") {
    const ws = await op("workspaces.create", { name });
    const api = await op("apis.create", { workspaceId: ws.body.data.workspaceId, name: "production", prefix: "acme" });
    return { workspaceId: ws.body.data.workspaceId as string, rootKey: ws.body.data.rootKey as string, apiId: api.body.data.apiId as string };
  }

  it("refuses missing, malformed and wrong tokens with the root-key style 401 envelope", async () => {
    const missing = await op("workspaces.list", {}, null);
    expect(missing.status).toBe(401);
    expect(missing.body.error.type).toBe(TYPE + "unkey/authentication/missing");
    const malformed = await post(app.url, "/operator/v1/workspaces.list", {}, undefined, { Authorization: "Token abc" });
    expect(malformed.body.error.type).toBe(TYPE + "unkey/authentication/malformed");
    const wrong = await op("workspaces.list", {}, "kpo_wrong");
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.type).toBe(TYPE + "keyport/authentication/operator_token_invalid");
    expect(wrong.headers.get("x-request-id")).toBe(wrong.body.meta.requestId);
  });

  it("accepts every comma-separated token (rotation), and never a root key", async () => {
    expect((await op("workspaces.list", {}, OLD)).status).toBe(200);
    const { rootKey } = await workspaceWithApi("RootKeyHolder");
    const res = await op("workspaces.list", {}, rootKey);
    expect(res.status).toBe(401);
    expect(res.body.error.type).toBe(TYPE + "keyport/authentication/operator_token_invalid");
  });

  it("creates a workspace whose root key works on /v2, and lists it", async () => {
    const created = await op("workspaces.create", { name: "Globex", slug: "globex" });
    expect(created.status).toBe(200);
    expect(created.body.data.workspaceId).toMatch(/^ws_/);
    expect(created.body.data.rootKey).toMatch(/^unkey_/);
    expect(created.headers.get("cache-control")).toBe("no-store");
    const api = await post(app.url, "/v2/apis.createApi", { name: "from-root-key" }, created.body.data.rootKey);
    expect(api.status).toBe(200);
    const list = await op("workspaces.list", {});
    const found = list.body.data.workspaces.find((w: { workspaceId: string }) => w.workspaceId === created.body.data.workspaceId);
    expect(found).toMatchObject({ name: "Globex", slug: "globex" });
    expect(JSON.stringify(list.body)).not.toContain("unkey_");
  });

  it("409 for a taken workspace slug; 400 naming the slug rule for a bad one", async () => {
    await op("workspaces.create", { name: "A", slug: "taken-slug" });
    const dup = await op("workspaces.create", { name: "B", slug: "taken-slug" });
    expect(dup.status).toBe(409);
    expect(dup.body.error.type).toBe(TYPE + "keyport/data/workspace_slug_taken");
    const bad = await op("workspaces.create", { name: "B", slug: "Bad_Slug" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.errors[0].location).toBe("body.slug");
    expect(bad.body.error.errors[0].message).toContain("3–64 characters");
  });

  it("issues, lists and revokes root keys; a revoked key stops at once", async () => {
    const { workspaceId } = await workspaceWithApi("Keys");
    const created = await op("rootKeys.create", { workspaceId, permissions: ["api.*.read_api", "api.*.read_api"], name: "ci" });
    expect(created.status).toBe(200);
    expect(created.body.data).toMatchObject({ keyId: expect.stringMatching(/^key_/), rootKey: expect.stringMatching(/^unkey_/), permissions: ["api.*.read_api"] });
    const listed = await op("rootKeys.list", { workspaceId });
    expect(listed.body.data.rootKeys).toHaveLength(2);
    const mine = listed.body.data.rootKeys.find((k: { keyId: string }) => k.keyId === created.body.data.keyId);
    expect(mine).toMatchObject({ name: "ci", permissions: ["api.*.read_api"], start: created.body.data.rootKey.slice(0, 10) });
    expect(JSON.stringify(listed.body)).not.toContain(created.body.data.rootKey);

    const before = await post(app.url, "/v2/apis.createApi", { name: "nope" }, created.body.data.rootKey);
    expect(before.status).toBe(403);
    expect((await op("rootKeys.revoke", { keyId: created.body.data.keyId })).body.data).toEqual({ revoked: true });
    const after = await post(app.url, "/v2/apis.createApi", { name: "nope" }, created.body.data.rootKey);
    expect(after.body.error.type).toBe(TYPE + "unkey/authentication/key_not_found");
    const again = await op("rootKeys.revoke", { keyId: created.body.data.keyId });
    expect(again.status).toBe(404);
    expect((await op("rootKeys.list", { workspaceId })).body.data.rootKeys).toHaveLength(1);
  });

  it("refuses bad permission strings and unknown workspaces", async () => {
    const { workspaceId } = await workspaceWithApi("Perms");
    const bad = await op("rootKeys.create", { workspaceId, permissions: ["api..x"] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.errors[0].location).toBe("body.permissions.0");
    const unknown = await op("apis.create", { workspaceId: "ws_nope", name: "prod" });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.type).toBe(TYPE + "keyport/data/workspace_not_found");
  });

  it("provisions a portal with every setting, and lists, updates, disables, enables it", async () => {
    const { workspaceId, apiId } = await workspaceWithApi("Portal Co");
    const created = await op("portals.create", {
      workspaceId,
      slug: "customer-keys",
      apiIds: [apiId],
      displayName: "Portal Co Keys",
      logoUrl: "https://cdn.example.com/logo.png",
      primaryColor: "#4f46e5",
      returnUrl: "https://app.example.com/settings",
      sessionPolicy: "sliding",
      maxKeys: 5,
      apiBaseUrl: "https://api.example.com",
      docsMarkdown: "# Use your key\nSend it as `Authorization: Bearer`.",
      keyTemplate: { prefix: "pc", byteLength: 24, credits: { remaining: 1000 }, ratelimits: [{ name: "requests", limit: 10, duration: 1000 }], defaultExpiryMs: 86_400_000 },
    });
    expect(created.status).toBe(200);
    expect(created.body.data).toMatchObject({
      portalId: expect.stringMatching(/^pc_/),
      workspaceId,
      slug: "customer-keys",
      apiIds: [apiId],
      displayName: "Portal Co Keys",
      sessionPolicy: "sliding",
      maxKeys: 5,
      enabled: true,
      keyTemplate: { prefix: "pc", ratelimits: [{ name: "requests", limit: 10, duration: 1000, autoApply: true }] },
    });
    const portalId = created.body.data.portalId;

    const list = await op("portals.list", { workspaceId });
    expect(list.body.data.portals).toEqual([created.body.data]);

    const updated = await op("portals.update", { workspaceId, portal: "customer-keys", primaryColor: "#fff", logoUrl: null, maxKeys: 50 });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toMatchObject({ portalId, primaryColor: "#fff", maxKeys: 50 });
    expect(updated.body.data).not.toHaveProperty("logoUrl");

    const disabled = await op("portals.disable", { workspaceId, portal: portalId });
    expect(disabled.body.data.enabled).toBe(false);
    const enabled = await op("portals.enable", { workspaceId, portal: "customer-keys" });
    expect(enabled.body.data.enabled).toBe(true);

    const events = await app.db.db.select().from(auditLog).where(eq(auditLog.resourceId, portalId));
    expect(events.map((e) => e.event)).toEqual(["portal.create", "portal.update", "portal.disable", "portal.enable"]);
    expect(events.every((e) => e.actorType === "operator" && e.actorId === "operator")).toBe(true);
  });

  it("defaults: display name from the workspace, fixed policy, 20 keys, enabled", async () => {
    const { workspaceId, apiId } = await workspaceWithApi("Defaults Inc");
    const created = await op("portals.create", { workspaceId, slug: "defaults", apiIds: [apiId] });
    expect(created.body.data).toMatchObject({ displayName: "Defaults Inc", sessionPolicy: "fixed", maxKeys: 20, enabled: true, keyTemplate: {} });
  });

  it("409 for a duplicate (workspace, slug), but the same slug in another workspace is fine", async () => {
    const a = await workspaceWithApi("Dup A");
    const b = await workspaceWithApi("Dup B");
    expect((await op("portals.create", { workspaceId: a.workspaceId, slug: "shared", apiIds: [a.apiId] })).status).toBe(200);
    const dup = await op("portals.create", { workspaceId: a.workspaceId, slug: "shared", apiIds: [a.apiId], displayName: "second" });
    expect(dup.status).toBe(409);
    expect(dup.body.error.type).toBe(TYPE + "keyport/data/portal_slug_taken");
    expect((await op("portals.list", { workspaceId: a.workspaceId })).body.data.portals).toHaveLength(1);
    expect((await op("portals.create", { workspaceId: b.workspaceId, slug: "shared", apiIds: [b.apiId] })).status).toBe(200);
  });

  it("refuses an API of another workspace, and never leaks a portal across workspaces", async () => {
    const a = await workspaceWithApi("Iso A");
    const b = await workspaceWithApi("Iso B");
    const res = await op("portals.create", { workspaceId: a.workspaceId, slug: "iso", apiIds: [b.apiId] });
    expect(res.status).toBe(400);
    expect(res.body.error.errors[0].location).toBe("body.apiIds");
    expect((await op("portals.list", { workspaceId: a.workspaceId })).body.data.portals).toEqual([]);
    await op("portals.create", { workspaceId: b.workspaceId, slug: "iso", apiIds: [b.apiId] });
    const cross = await op("portals.get", { workspaceId: a.workspaceId, portal: "iso" });
    expect(cross.status).toBe(404);
    expect(cross.body.error.type).toBe(TYPE + "unkey/data/portal_config_not_found");
  });

  it("lookups are case-sensitive and suggest the lowercase slug", async () => {
    const { workspaceId, apiId } = await workspaceWithApi("Case");
    await op("portals.create", { workspaceId, slug: "my-portal", apiIds: [apiId] });
    const res = await op("portals.get", { workspaceId, portal: "My-Portal" });
    expect(res.status).toBe(404);
    expect(res.body.error.detail).toContain('did you mean "my-portal"');
  });

  it.each([
    ["logoUrl", "javascript:alert(1)"],
    ["logoUrl", 'https://x.example/a.png" onerror="alert(1)'],
    ["logoUrl", "https://x.example/<script>.png"],
    ["logoUrl", "http://evil.example/logo.png"],
    ["logoUrl", "https://x.example/" + "a".repeat(500)],
    ["logoUrl", "data:image/svg+xml,<svg onload=alert(1)>"],
    ["primaryColor", "red;}"],
    ["primaryColor", "red"],
    ["primaryColor", "#12345"],
    ["primaryColor", "#fff;background:url(x)"],
    ["returnUrl", "http://example.com/back"],
    ["returnUrl", "https://example.com/\nSet-Cookie: x"],
    ["returnUrl", "/relative"],
    ["sessionPolicy", "forever"],
    ["maxKeys", 0],
    ["maxKeys", 1001],
    ["docsMarkdown", "x".repeat(5001)],
    ["slug", "-bad"],
    ["slug", "ab"],
    ["slug", "a--b"],
    ["showKeyMeta", "yes"],
    ["keyTemplate", { prefix: "has space" }],
    ["keyTemplate", { admin: true }],
  ])("400 for a hostile %s (case %#), and nothing is created", async (field, value) => {
    const { workspaceId, apiId } = await workspaceWithApi("Hostile");
    const res = await op("portals.create", { workspaceId, slug: "hostile", apiIds: [apiId], [field]: value });
    expect(res.status).toBe(400);
    expect(res.body.error.type).toBe(TYPE + "unkey/application/invalid_input");
    expect(res.body.error.errors[0].location).toMatch(new RegExp(`^body\\.${field}`));
    expect((await op("portals.list", { workspaceId })).body.data.portals).toEqual([]);
  });

  it("accepts http logo and return URLs on localhost only", async () => {
    const { workspaceId, apiId } = await workspaceWithApi("Local");
    const res = await op("portals.create", {
      workspaceId,
      slug: "local",
      apiIds: [apiId],
      logoUrl: "http://localhost:8080/logo.svg",
      returnUrl: "http://127.0.0.1:3000/back?x=1",
    });
    expect(res.status).toBe(200);
  });

  it("update refuses hostile values and leaves the portal unchanged", async () => {
    const { workspaceId, apiId } = await workspaceWithApi("Upd");
    const created = await op("portals.create", { workspaceId, slug: "upd", apiIds: [apiId], primaryColor: "#000000" });
    const res = await op("portals.update", { workspaceId, portal: "upd", primaryColor: "red;}" });
    expect(res.status).toBe(400);
    expect((await op("portals.get", { workspaceId, portal: "upd" })).body.data).toEqual(created.body.data);
  });

  it("deleting a portal deletes its sessions, and answers 404 afterwards", async () => {
    const { workspaceId, apiId } = await workspaceWithApi("Del");
    const created = await op("portals.create", { workspaceId, slug: "doomed", apiIds: [apiId] });
    const portalId = created.body.data.portalId;
    await app.db.db.insert(portalSessions).values({
      id: "ps_test_doomed",
      workspaceId,
      portalId,
      externalId: "user_1",
      permissions: ["api.*.read_key"],
      createdBy: "key_x",
      codeHash: "hash-doomed",
      codeExpiresAt: Date.now() + 60_000,
      createdAt: Date.now(),
    });
    const deleted = await op("portals.delete", { workspaceId, portal: "doomed" });
    expect(deleted.status).toBe(200);
    expect(deleted.body.data.portalId).toBe(portalId);
    expect(await app.db.db.select().from(portalSessions).where(eq(portalSessions.portalId, portalId))).toEqual([]);
    expect(await app.db.db.select().from(portalConfigs).where(eq(portalConfigs.id, portalId))).toEqual([]);
    expect((await op("portals.delete", { workspaceId, portal: "doomed" })).status).toBe(404);
  });
});
