import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { portalConfigs } from "@/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { expectError, type Harness, openHarness } from "@/lib/testing/harness";
import { post } from "@/lib/testing/fixtures";
import { BACKENDS } from "@/lib/testing/test-db";

const OPERATOR = "kpo_attack_suite_operator_token_0123456789";
const SCRIPT = `<script>alert("x")</script>`;

/**
 * Attack suite — stored XSS. The API stores and returns hostile strings verbatim as JSON (the
 * portal's HTML escapes them: e2e/process-faults.spec.ts renders one), and provisioning refuses
 * branding values that would land in a URL or CSS context.
 */
describe.each(BACKENDS)("attack: XSS on %s", (backend) => {
  let h: Harness;
  let workspaceId: string;
  let rootKey: string;
  let apiId: string;
  const op = (name: string, body: unknown) => post(h.url, `/operator/v1/${name}`, body, OPERATOR);
  const portalsOf = async () => h.db.db.select().from(portalConfigs).where(eq(portalConfigs.workspaceId, workspaceId));

  beforeAll(async () => {
    process.env.KEYPORT_OPERATOR_TOKEN = OPERATOR;
    resetEnvForTests();
    h = await openHarness(backend);
    const ws = await op("workspaces.create", { name: "Acme" });
    ({ workspaceId, rootKey } = ws.body.data);
    apiId = (await op("apis.create", { workspaceId, name: "production", prefix: "acme" })).body.data.apiId;
    const created = await op("portals.create", { workspaceId, slug: "my-portal", apiIds: [apiId], displayName: `Acme ${SCRIPT}` });
    expect(created.status, created.text).toBe(200);
  });
  afterAll(async () => {
    await h.close();
    delete process.env.KEYPORT_OPERATOR_TOKEN;
    resetEnvForTests();
  });

  it("a script in a key name and meta is stored and returned verbatim, as application/json", async () => {
    const created = await post(h.url, "/v2/keys.createKey", { apiId, externalId: "user_x", name: SCRIPT, meta: { note: `"><img src=x onerror=alert(1)>` } }, rootKey);
    expect(created.status, created.text).toBe(200);
    const got = await post(h.url, "/v2/keys.getKey", { keyId: created.body.data.keyId }, rootKey);
    expect(got.headers.get("content-type")).toMatch(/^application\/json/);
    expect(got.headers.get("x-content-type-options")).toBe("nosniff");
    expect(got.body.data.name).toBe(SCRIPT);
    expect(got.body.data.meta.note).toBe(`"><img src=x onerror=alert(1)>`);
  });

  it("a script in an externalId round-trips verbatim through the session; the portal sees the same bytes", async () => {
    const externalId = `u${SCRIPT}`;
    await post(h.url, "/v2/keys.createKey", { apiId, externalId, name: `n${SCRIPT}` }, rootKey);
    const created = await post(h.url, "/v2/portal.createSession", { slug: "my-portal", externalId, permissions: ["api.*.read_key"] }, rootKey);
    expect(created.status, created.text).toBe(200);
    const code = new URL(created.body.data.url).searchParams.get("session");
    const token = (await post(h.url, "/v2/portal.exchangeCode", { code })).body.data.accessToken;
    const session = await post(h.url, "/v2/portal.getSession", {}, token);
    expect(session.body.data.externalId).toBe(externalId);
    expect(session.body.data.branding.displayName).toBe(`Acme ${SCRIPT}`);
    const list = await post(h.url, "/v2/portal.listKeys", {}, token);
    expect(list.body.data.map((k: { name: string }) => k.name)).toEqual([`n${SCRIPT}`]);
  });

  it.each([
    ["javascript:", "javascript:alert(1)"],
    ["data:", "data:image/svg+xml,<svg onload=alert(1)>"],
    ["attribute break-out", `https://cdn.example/logo.png"><script>alert(1)</script>`],
    ["single-quote break-out", "https://cdn.example/logo.png' onerror='alert(1)"],
    ["CSS url() break-out", "https://cdn.example/a.png);background:url(javascript:alert(1)"],
    ["plain http", "http://cdn.example/logo.png"],
    ["a backslash", "https://cdn.example\\@evil.example/logo.png"],
    ["a space", "https://cdn.example/logo .png"],
  ])("logo URL with %s → 400 at provisioning, nothing stored", async (_name, logoUrl) => {
    const before = await portalsOf();
    expectError(await op("portals.create", { workspaceId, slug: "hostile-logo", apiIds: [apiId], logoUrl }), 400, "unkey/application/invalid_input");
    expectError(await op("portals.update", { workspaceId, portal: "my-portal", logoUrl }), 400, "unkey/application/invalid_input");
    expect(await portalsOf()).toEqual(before);
  });

  it.each([["red;}body{background:url(//evil.example)}"], ["red"], ["#fff;color:red"], ["expression(alert(1))"], ["#12345g"], ["#1234"], ["rgb(0,0,0)"]])(
    "primary colour %j → 400 at provisioning, nothing stored",
    async (primaryColor) => {
      const before = await portalsOf();
      expectError(await op("portals.create", { workspaceId, slug: "hostile-colour", apiIds: [apiId], primaryColor }), 400, "unkey/application/invalid_input");
      expectError(await op("portals.update", { workspaceId, portal: "my-portal", primaryColor }), 400, "unkey/application/invalid_input");
      expect(await portalsOf()).toEqual(before);
    },
  );

  it("a hostile default return URL is refused at provisioning", async () => {
    for (const returnUrl of ["javascript:alert(1)", "//evil.example", "http://evil.example/"]) {
      expectError(await op("portals.create", { workspaceId, slug: "hostile-return", apiIds: [apiId], returnUrl }), 400, "unkey/application/invalid_input");
    }
    expect((await portalsOf()).map((p) => p.slug)).toEqual(["my-portal"]);
  });
});
