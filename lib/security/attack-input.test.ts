import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keys, portalConfigs } from "@/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { expectError, type Harness, openHarness, seedTenant, type Tenant } from "@/lib/testing/harness";
import { post } from "@/lib/testing/fixtures";
import { BACKENDS } from "@/lib/testing/test-db";

const OPERATOR = "kpo_attack_input_operator_token_0123456789";
const INT4_MAX = 2_147_483_647;

/** `{"a":{"a":…"leaf"…}}`, built as text: `depth` objects around the leaf. */
function nested(depth: number, leaf: string): string {
  return '{"a":'.repeat(depth) + JSON.stringify(leaf) + "}".repeat(depth);
}

/**
 * Attack suite — hostile request bodies (docs/api.md "Conventions"): a bad body is a clear 400 in the
 * envelope, no bigger than a cheap answer, and changes nothing; numbers are bounded by the columns
 * that hold them, also in a portal's key template.
 */
describe.each(BACKENDS)("attack: hostile input on %s", (backend) => {
  let h: Harness;
  let t: Tenant;
  const keyCount = async () => (await h.db.db.select({ n: count() }).from(keys).where(eq(keys.workspaceId, t.workspaceId)))[0]?.n;
  const op = (name: string, body: unknown) => post(h.url, `/operator/v1/${name}`, body, OPERATOR);

  beforeAll(async () => {
    process.env.KEYPORT_OPERATOR_TOKEN = OPERATOR;
    resetEnvForTests();
    h = await openHarness(backend);
    t = await seedTenant(h.url, "Acme");
  });
  afterAll(async () => {
    await h.close();
    delete process.env.KEYPORT_OPERATOR_TOKEN;
    resetEnvForTests();
  });

  describe("response amplification", () => {
    const unknownFields = (n: number, extra = "") => `{${extra}${Array.from({ length: n }, (_, i) => `"k${i.toString(36)}":1`).join(",")}}`;

    it.each([
      ["/v2/liveness", ""],
      ["/v2/portal.exchangeCode", '"code":"pst_x",'],
      ["/v2/portal.exchangeSession", '"sessionId":"pst_x",'],
    ])("%s with 100,000 unknown fields → 400 listing 20 of them, a few KB", async (path, extra) => {
      const body = unknownFields(100_000, extra);
      expect(body.length).toBeGreaterThan(800_000);
      const res = await post(h.url, path, body);
      expectError(res, 400, "unkey/application/invalid_input");
      expect(res.body.error.errors).toHaveLength(20);
      expect(res.body.error.errors[0]).toMatchObject({ location: "body.k0", message: 'The field "k0" is not defined for this endpoint.' });
      expect(res.body.error.detail).toMatch(/99980 more problems not listed/);
      expect(res.text.length).toBeLessThan(16_384);
    });

    it("one 900 KB field name → 400 quoting at most 64 characters of it", async () => {
      const name = "k".repeat(900_000);
      const res = await post(h.url, "/v2/liveness", `{"${name}":1}`);
      expectError(res, 400, "unkey/application/invalid_input");
      expect(res.body.error.errors[0].location).toBe(`body.${"k".repeat(64)}…`);
      expect(res.text.length).toBeLessThan(4096);
    });

    it("a cheap request stays cheap: liveness answers 200", async () => {
      const res = await post(h.url, "/v2/liveness", {});
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({ message: "OK" });
    });
  });

  describe("deep and NUL-bearing meta", () => {
    it.each([
      ["a NUL at depth 20", nested(20, "x\u0000y"), /^body\.meta(\.a){20}$/],
      ["a NUL nested deeper than 64 levels", nested(70, "x\u0000y"), /^body\.meta(\.a)+$/],
      ["meta nested 5,000 levels", nested(5000, "x"), /^body\.meta(\.a)+$/],
    ])("%s → 400 invalid_input naming where, and no key is created", async (_name, meta, location) => {
      const before = await keyCount();
      const res = await post(h.url, "/v2/keys.createKey", `{"apiId":${JSON.stringify(t.apiId)},"meta":${meta}}`, t.rootKey);
      expectError(res, 400, "unkey/application/invalid_input");
      expect(res.body.error.errors[0].location).toMatch(location);
      expect(res.text.length).toBeLessThan(16_384);
      expect(await keyCount()).toBe(before);
    });

    it("meta within the depth limit is stored and read back", async () => {
      const meta = JSON.parse(nested(30, "deep"));
      const res = await post(h.url, "/v2/keys.createKey", { apiId: t.apiId, meta }, t.rootKey);
      expect(res.status, res.text).toBe(200);
      expect((await post(h.url, "/v2/keys.getKey", { keyId: res.body.data.keyId }, t.rootKey)).body.data.meta).toEqual(meta);
    });

    it("identities.updateIdentity with meta nested 5,000 levels → 400, meta unchanged", async () => {
      await post(h.url, "/v2/identities.createIdentity", { externalId: "deep_user", meta: { tier: "gold" } }, t.rootKey);
      const res = await post(h.url, "/v2/identities.updateIdentity", `{"identity":"deep_user","meta":${nested(5000, "x")}}`, t.rootKey);
      expectError(res, 400, "unkey/application/invalid_input");
      expect((await post(h.url, "/v2/identities.getIdentity", { identity: "deep_user" }, t.rootKey)).body.data.meta).toEqual({ tier: "gold" });
    });
  });

  describe("numbers past their column in a portal's key template", () => {
    const portalCount = async () => (await h.db.db.select({ n: count() }).from(portalConfigs).where(eq(portalConfigs.workspaceId, t.workspaceId)))[0]?.n;

    it.each([
      ["credits.remaining 3e9", { credits: { remaining: 3e9 } }, "body.keyTemplate.credits.remaining"],
      ["refill amount 3e9", { credits: { remaining: 10, refill: { interval: "daily", amount: 3e9 } } }, "body.keyTemplate.credits.refill.amount"],
      ["rate limit 5e9", { ratelimits: [{ name: "burst", limit: 5e9, duration: 60_000 }] }, "body.keyTemplate.ratelimits.0.limit"],
      ["rate-limit window of 1e13 ms", { ratelimits: [{ name: "burst", limit: 10, duration: 1e13 }] }, "body.keyTemplate.ratelimits.0.duration"],
    ])("portals.create with %s → 400 naming the field; nothing created", async (_name, keyTemplate, location) => {
      const before = await portalCount();
      const res = await op("portals.create", { workspaceId: t.workspaceId, slug: "too-big", apiIds: [t.apiId], keyTemplate });
      expectError(res, 400, "unkey/application/invalid_input");
      expect(res.body.error.errors[0].location).toBe(location);
      expect(await portalCount()).toBe(before);
      // portals.update refuses the same, and the portal keeps its template.
      const upd = await op("portals.update", { workspaceId: t.workspaceId, portal: t.slug, keyTemplate });
      expectError(upd, 400, "unkey/application/invalid_input");
      expect(upd.body.error.errors[0].location).toBe(location);
      expect((await op("portals.get", { workspaceId: t.workspaceId, portal: t.slug })).body.data.keyTemplate).toEqual({});
    });

    it("times past the latest a Date holds → 400 naming the field (portal.createKey expires, getVerifications window)", async () => {
      const s = await h.session(t, "time_user");
      const before = await keyCount();
      const res = await post(h.url, "/v2/portal.createKey", { expires: 9_000_000_000_000_000 }, s.token);
      expectError(res, 400, "unkey/application/invalid_input");
      expect(res.body.error.errors[0].location).toBe("body.expires");
      expect(await keyCount()).toBe(before);
      const window = await post(h.url, "/v2/portal.getVerifications", { startTime: 9_000_000_000_000_000, endTime: 9_000_000_000_000_001 }, s.token);
      expectError(window, 400, "unkey/application/invalid_input");
      expect(window.body.error.errors[0].location).toBe("body.startTime");
    });

    it("a template at the bounds works end to end: portal.createKey 200, the key verifies", async () => {
      const keyTemplate = {
        credits: { remaining: INT4_MAX, refill: { interval: "daily", amount: INT4_MAX } },
        ratelimits: [{ name: "burst", limit: 1_000_000_000, duration: 2_592_000_000, autoApply: true }],
      };
      const created = await op("portals.create", { workspaceId: t.workspaceId, slug: "at-the-bounds", apiIds: [t.apiId], keyTemplate });
      expect(created.status, created.text).toBe(200);
      const s = await h.session(t, "bounds_user", undefined, "at-the-bounds");
      const res = await post(h.url, "/v2/portal.createKey", {}, s.token);
      expect(res.status, res.text).toBe(200);
      const verified = await h.verify(t, res.body.data.key);
      expect(verified).toMatchObject({ valid: true, code: "VALID" });
    });
  });
});
