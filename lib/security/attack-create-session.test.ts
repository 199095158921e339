import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { portalSessions } from "@/db/schema";
import { seedPortal } from "@/lib/testing/portal-fixtures";
import { expectError, type Harness, openHarness, seedTenant, type Tenant } from "@/lib/testing/harness";
import { post, seedRootKey } from "@/lib/testing/fixtures";
import { BACKENDS } from "@/lib/testing/test-db";

/**
 * Attack suite — portal.createSession input. Every refusal is 400/403/404 with its exact type and
 * leaves no session row behind.
 */
describe.each(BACKENDS)("attack: createSession input on %s", (backend) => {
  let h: Harness;
  let t: Tenant;
  const sessions = async () => (await h.db.db.select({ n: count() }).from(portalSessions).where(eq(portalSessions.workspaceId, t.workspaceId)))[0]?.n;
  const create = (body: unknown, token = t.rootKey) => post(h.url, "/v2/portal.createSession", body, token);
  const valid = { slug: "my-portal", externalId: "user_123", permissions: ["api.*.read_key"] };

  /** Runs `attempt`, asserts the error, and that no session was minted. */
  async function refused(attempt: () => Promise<Awaited<ReturnType<typeof create>>>, status: number, code: string) {
    const before = await sessions();
    const res = await attempt();
    expectError(res, status, code);
    if (status === 400) expect(Array.isArray(res.body.error.errors) && res.body.error.errors.length > 0).toBe(true);
    expect(await sessions()).toBe(before);
    return res;
  }

  beforeAll(async () => {
    h = await openHarness(backend);
    t = await seedTenant(h.url, "Acme");
  });
  afterAll(() => h.close());

  it("the valid request works (control case)", async () => {
    const res = await create(valid);
    expect(res.status, res.text).toBe(200);
    expect(res.body.data.sessionId).toMatch(/^ps_/);
  });

  it.each([
    ["an unknown action", "api.*.admin"],
    ["a Cyrillic 'а' in read_key", "api.*.re\u0430d_key"],
    ["a Cyrillic 'е' in create_key", "api.*.cr\u0435ate_key"],
    ["a zero-width space", "api.*.read_key\u200b"],
    ["a full-width asterisk", "api.\uff0a.read_key"],
    ["a trailing space", "api.*.read_key "],
    ["upper case", "API.*.READ_KEY"],
    ["the bare wildcard", "*"],
    ["a root-key permission", "portal.*.create_portal_session"],
    ["a wildcard action", "api.*.*"],
    ["a path-ish api id", "api.../read_key"],
  ])("%s in permissions → 400 invalid_input", async (_name, permission) => {
    await refused(() => create({ ...valid, permissions: [permission] }), 400, "unkey/application/invalid_input");
  });

  it("an unknown or lookalike scope → 400 invalid_input", async () => {
    for (const scope of ["keys:admin", "keys:re\u0430d", "keys:*", "*"]) {
      await refused(() => create({ portal: "my-portal", externalId: "u", scopes: [scope] }), 400, "unkey/application/invalid_input");
    }
  });

  it("wildcard escalation: a root key scoped to one API cannot mint api.*.<action> on a portal covering more → 403, whole request", async () => {
    const second = (await post(h.url, "/v2/apis.createApi", { name: "second" }, t.rootKey)).body.data.apiId as string;
    await seedPortal(t.workspaceId, { slug: "two-apis", apiIds: [t.apiId, second] });
    const { rootKey: scoped } = await seedRootKey(t.workspaceId, [`api.${t.apiId}.read_key`, `api.${t.apiId}.read_api`, "portal.*.create_portal_session"]);
    // Control: its own API is fine.
    expect((await create({ slug: "two-apis", externalId: "u", permissions: [`api.${t.apiId}.read_key`] }, scoped)).status).toBe(200);
    await refused(() => create({ slug: "two-apis", externalId: "u", permissions: ["api.*.read_key"] }, scoped), 403, "unkey/authorization/insufficient_permissions");
    await refused(() => create({ slug: "two-apis", externalId: "u", permissions: [`api.${second}.read_key`] }, scoped), 403, "unkey/authorization/insufficient_permissions");
    // One permission it lacks spoils the whole request (never a reduced session).
    await refused(
      () => create({ slug: "two-apis", externalId: "u", permissions: [`api.${t.apiId}.read_key`, `api.${t.apiId}.delete_key`] }, scoped),
      403,
      "unkey/authorization/insufficient_permissions",
    );
  });

  it("read_key without read_api on the root key → 403; a root key without the mint permission → 404 as if absent", async () => {
    const { rootKey: noReadApi } = await seedRootKey(t.workspaceId, ["api.*.read_key", "portal.*.create_portal_session"]);
    await refused(() => create(valid, noReadApi), 403, "unkey/authorization/insufficient_permissions");
    const { rootKey: noMint } = await seedRootKey(t.workspaceId, ["api.*.read_key", "api.*.read_api"]);
    await refused(() => create(valid, noMint), 404, "unkey/data/portal_config_not_found");
  });

  it("an API outside the portal → 400", async () => {
    const outside = (await post(h.url, "/v2/apis.createApi", { name: "outside" }, t.rootKey)).body.data.apiId as string;
    await refused(() => create({ ...valid, permissions: [`api.${outside}.read_key`] }), 400, "unkey/application/invalid_input");
  });

  it("huge arrays (10 000 permissions or scopes) → 400 without a session", async () => {
    await refused(() => create({ ...valid, permissions: Array.from({ length: 10_000 }, () => "api.*.read_key") }), 400, "unkey/application/invalid_input");
    await refused(() => create({ portal: "my-portal", externalId: "u", scopes: Array.from({ length: 10_000 }, () => "keys:read") }), 400, "unkey/application/invalid_input");
  });

  it.each([
    ["externalId as a number", { externalId: 123 }],
    ["externalId as an object", { externalId: { $ne: "" } }],
    ["permissions as a string", { permissions: "api.*.read_key" }],
    ["permissions with a number", { permissions: [1] }],
    ["permissions with null", { permissions: [null] }],
    ["preview as a string", { preview: "true" }],
    ["slug as an array", { slug: ["my-portal"] }],
    ["returnUrl as an object", { returnUrl: { href: "https://a.example" } }],
    ["an empty permissions array", { permissions: [] }],
  ])("wrong type: %s → 400 invalid_input", async (_name, patch) => {
    await refused(() => create({ ...valid, ...patch }), 400, "unkey/application/invalid_input");
  });

  it.each([
    ["__proto__", '{"slug":"my-portal","externalId":"u","permissions":["api.*.read_key"],"__proto__":{"preview":true,"admin":true}}'],
    ["constructor", '{"slug":"my-portal","externalId":"u","permissions":["api.*.read_key"],"constructor":{"prototype":{"admin":true}}}'],
    ["workspaceId", '{"slug":"my-portal","externalId":"u","permissions":["api.*.read_key"],"workspaceId":"ws_other"}'],
    ["expiresAt", '{"slug":"my-portal","externalId":"u","permissions":["api.*.read_key"],"expiresAt":99999999999999}'],
  ])("an extra %s field → 400 (no mass assignment, no prototype pollution)", async (name, raw) => {
    const res = await refused(() => create(raw), 400, "unkey/application/invalid_input");
    expect(res.body.error.errors.map((e: { location: string }) => e.location)).toEqual([`body.${name}`]);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it.each([
    ["javascript:", "javascript:alert(document.cookie)"],
    ["JavaScript: with mixed case and spaces", " JaVaScRiPt:alert(1)"],
    ["data:", "data:text/html,<script>alert(1)</script>"],
    ["protocol-relative //host", "//evil.example/account"],
    ["http to a non-local host", "http://evil.example/account"],
    ["http to a localhost lookalike", "http://localhost.evil.example/"],
    ["a relative path", "/account"],
    ["over 500 characters", `https://acme.example/${"a".repeat(480)}`],
    ["a NUL byte", "https://acme.example/\u0000account"],
    ["a newline (header splitting)", "https://acme.example/\r\nSet-Cookie: x=1"],
    ["a tab", "https://acme.example/\taccount"],
    ["file:", "file:///etc/passwd"],
  ])("returnUrl with %s → 400 invalid_input", async (_name, returnUrl) => {
    await refused(() => create({ ...valid, returnUrl }), 400, "unkey/application/invalid_input");
  });

  it("returnUrl of exactly 500 characters and http://localhost are accepted (boundary)", async () => {
    const url500 = `https://acme.example/${"a".repeat(500 - "https://acme.example/".length)}`;
    expect(url500.length).toBe(500);
    expect((await create({ ...valid, returnUrl: url500 })).status).toBe(200);
    expect((await create({ ...valid, returnUrl: "http://localhost:5173/account" })).status).toBe(200);
  });

  it("externalId of 257 characters → 400; 256 is fine", async () => {
    await refused(() => create({ ...valid, externalId: "u".repeat(257) }), 400, "unkey/application/invalid_input");
    expect((await create({ ...valid, externalId: "u".repeat(256) })).status).toBe(200);
    await refused(() => create({ ...valid, externalId: "" }), 400, "unkey/application/invalid_input");
  });

  it.each([["NUL", "user\u0000admin"], ["newline", "user\nadmin"], ["carriage return", "user\radmin"], ["DEL", "user\u007f"], ["escape", "\u001b[31muser"], ["C1 control", "user\u0085x"]])(
    "externalId with a %s control character → 400",
    async (_name, externalId) => {
      await refused(() => create({ ...valid, externalId }), 400, "unkey/application/invalid_input");
    },
  );

  it("a NUL byte in any string of any body (value or key) → 400 invalid_input naming it, never a 500 from the database", async () => {
    const cases: [string, unknown][] = [
      ["portal.createSession", { ...valid, externalId: "user\u0000" }],
      ["keys.getKey", { keyId: "key_\u0000" }],
      ["apis.createApi", { name: "a\u0000b" }],
      ["keys.createKey", { apiId: t.apiId, name: "n\u0000" }],
      ["keys.createKey", { apiId: t.apiId, meta: { "k\u0000": 1 } }],
      ["identities.createIdentity", { externalId: "x", meta: { deep: [{ v: "\u0000" }] } }],
    ];
    for (const [path, body] of cases) {
      const res = await post(h.url, `/v2/${path}`, body, t.rootKey);
      expectError(res, 400, "unkey/application/invalid_input");
      expect(res.body.error.errors[0].location).toMatch(/^body\./);
    }
    expect((await post(h.url, "/v2/identities.getIdentity", { identity: "x" }, t.rootKey)).status).toBe(404);
  });
});
