import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apis } from "@/db/schema";
import { revokeRootKey } from "@/lib/operator/revoke-root-key";
import { expectError, type Harness, openHarness, seedTenant, type Tenant } from "@/lib/testing/harness";
import { post, seedRootKey } from "@/lib/testing/fixtures";
import { BACKENDS } from "@/lib/testing/test-db";

/** Attack suite — root-key authentication (docs/api.md "Conventions"): nothing is created by a refused caller. */
describe.each(BACKENDS)("attack: root-key auth on %s", (backend) => {
  let h: Harness;
  let t: Tenant;
  const apiCount = async () => (await h.db.db.select({ n: count() }).from(apis).where(eq(apis.workspaceId, t.workspaceId)))[0]?.n;

  beforeAll(async () => {
    h = await openHarness(backend);
    t = await seedTenant(h.url, "Acme");
  });
  afterAll(() => h.close());

  it("no Authorization header → 401 missing, nothing created", async () => {
    const before = await apiCount();
    expectError(await post(h.url, "/v2/apis.createApi", { name: "x" }), 401, "unkey/authentication/missing");
    expect(await apiCount()).toBe(before);
  });

  it.each([["Basic dXNlcjpwYXNz"], ["Bearer"], ["Bearer "], ["Bearer a b"], ["Token unkey_abc"], ["Bearer\tunkey_abc"]])(
    "Authorization %j → 401 malformed, nothing created",
    async (header) => {
      const before = await apiCount();
      expectError(await post(h.url, "/v2/apis.createApi", { name: "x" }, undefined, { Authorization: header }), 401, "unkey/authentication/malformed");
      expect(await apiCount()).toBe(before);
    },
  );

  it("unknown, revoked-looking and near-miss root keys → 401 key_not_found", async () => {
    for (const token of ["unkey_doesnotexist", `${t.rootKey}x`, t.rootKey.slice(0, -1), t.rootKey.toUpperCase(), "x".repeat(5000)]) {
      expectError(await post(h.url, "/v2/apis.createApi", { name: "x" }, token), 401, "unkey/authentication/key_not_found");
    }
    const { keyId, rootKey } = await seedRootKey(t.workspaceId, ["*"]);
    expect((await post(h.url, "/v2/apis.getApi", { apiId: t.apiId }, rootKey)).status).toBe(200);
    // Revoked through the operator plane's verb: the next request fails at once.
    await revokeRootKey({ db: h.db.db, keyId, actor: { type: "operator", id: "test" } });
    expectError(await post(h.url, "/v2/apis.getApi", { apiId: t.apiId }, rootKey), 401, "unkey/authentication/key_not_found");
  });

  it("a root key in the query string, a cookie or another header is ignored → 401 missing", async () => {
    const before = await apiCount();
    const q = new URLSearchParams({ rootKey: t.rootKey, key: t.rootKey, authorization: `Bearer ${t.rootKey}`, token: t.rootKey });
    expectError(await post(h.url, `/v2/apis.createApi?${q}`, { name: "x" }), 401, "unkey/authentication/missing");
    expectError(await post(h.url, "/v2/apis.createApi", { name: "x" }, undefined, { Cookie: `portal_session=${t.rootKey}; rootKey=${t.rootKey}` }), 401, "unkey/authentication/missing");
    expectError(await post(h.url, "/v2/apis.createApi", { name: "x" }, undefined, { "X-Api-Key": t.rootKey, "Proxy-Authorization": `Bearer ${t.rootKey}` }), 401, "unkey/authentication/missing");
    expect(await apiCount()).toBe(before);
  });

  it("a portal access token is not a root key → 401 key_not_found", async () => {
    const s = await h.session(t, "user_1", ["api.*.read_key"]);
    expectError(await post(h.url, "/v2/apis.getApi", { apiId: t.apiId }, s.token), 401, "unkey/authentication/key_not_found");
  });

  it("another workspace's root key → 404 api_not_found, not 401 and not the data", async () => {
    const other = await seedTenant(h.url, "Other", "other-portal");
    const res = await post(h.url, "/v2/apis.getApi", { apiId: t.apiId }, other.rootKey);
    expectError(res, 404, "unkey/data/api_not_found");
    expect(res.text).not.toContain("Acme api");
  });
});
