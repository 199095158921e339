import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { portalConfigs } from "@/db/schema";
import { listPortalKeys } from "@/lib/portal-sessions/page-keys";
import { resolveSessionByToken } from "@/lib/portal-sessions/resolve-session";
import { expectError, type Harness, openHarness, seedTenant, type Tenant } from "@/lib/testing/harness";
import { post } from "@/lib/testing/fixtures";
import { BACKENDS } from "@/lib/testing/test-db";

const KEY_META = { internalNote: "suspected-fraud" };
const IDENTITY_META = { stripeCustomerId: "cus_S3cretCustomer", riskScore: 97 };
const SECRETS = ["suspected-fraud", "internalNote", "cus_S3cretCustomer", "stripeCustomerId", "riskScore", "billing.admin"];

/**
 * Attack suite — backend metadata shown to end users (docs/security.md "What the portal shows"): a
 * `read_key` portal session sees the portal's view of a key, never the identity (nor its meta) or the
 * key's permissions, and the key's meta only on a portal configured with `showKeyMeta`.
 */
describe.each(BACKENDS)("attack: backend metadata through the portal on %s", (backend) => {
  let h: Harness;
  let t: Tenant;
  let keyId: string;

  beforeAll(async () => {
    h = await openHarness(backend);
    t = await seedTenant(h.url, "Acme");
    const identity = await h.rk(t, "identities.createIdentity", { externalId: "user_1", meta: IDENTITY_META });
    expect(identity.status, identity.text).toBe(200);
    const key = await h.rk(t, "keys.createKey", {
      apiId: t.apiId,
      externalId: "user_1",
      name: "prod",
      meta: KEY_META,
      permissions: ["billing.admin"],
      credits: { remaining: 50 },
      ratelimits: [{ name: "requests", limit: 100, duration: 60_000, autoApply: true }],
    });
    expect(key.status, key.text).toBe(200);
    keyId = key.body.data.keyId;
  });
  afterAll(() => h.close());

  const showKeyMeta = (on: boolean) => h.db.db.update(portalConfigs).set({ showKeyMeta: on }).where(eq(portalConfigs.id, t.portalId));

  it("portal.listKeys (Bearer and cookie) shows the portal's view: no identity, no identity meta, no permissions, no key meta by default", async () => {
    const s = await h.session(t, "user_1", ["api.*.read_key"]);
    // The company's backend still sees everything it stored.
    const backendView = await h.rk(t, "keys.getKey", { keyId });
    expect(backendView.body.data.meta).toEqual(KEY_META);
    expect(backendView.body.data.identity.meta).toEqual(IDENTITY_META);
    for (const auth of [{ token: s.token }, { cookie: s.cookie }]) {
      const res = await post(h.url, "/v2/portal.listKeys", {}, auth.token, auth.cookie ? { Cookie: auth.cookie } : {});
      expect(res.status, res.text).toBe(200);
      for (const secret of SECRETS) expect(res.text).not.toContain(secret);
      const [k] = res.body.data;
      expect(Object.keys(k).sort()).toEqual(["createdAt", "credits", "enabled", "keyId", "name", "ratelimits", "start"]);
      expect(k).toMatchObject({ keyId, name: "prod", enabled: true, credits: { remaining: 50 }, ratelimits: [{ name: "requests", limit: 100, duration: 60_000, autoApply: true }] });
    }
  });

  it("the pages get the same view (the server components' listPortalKeys)", async () => {
    const s = await h.session(t, "user_1", ["api.*.read_key"]);
    const session = await resolveSessionByToken(h.db.db, s.token, "sealed-cookie");
    const page = await listPortalKeys(session, { limit: 25 });
    const text = JSON.stringify(page);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(page.keys[0]).not.toHaveProperty("identity");
    expect(page.keys[0]).not.toHaveProperty("permissions");
  });

  it("showKeyMeta: true shows the key's meta, still never the identity's meta or the permissions", async () => {
    await showKeyMeta(true);
    try {
      const s = await h.session(t, "user_1", ["api.*.read_key"]);
      const res = await post(h.url, "/v2/portal.listKeys", {}, s.token);
      expect(res.body.data[0].meta).toEqual(KEY_META);
      for (const secret of ["cus_S3cretCustomer", "stripeCustomerId", "riskScore", "billing.admin"]) expect(res.text).not.toContain(secret);
      expect(res.body.data[0]).not.toHaveProperty("identity");
      expect(res.body.data[0]).not.toHaveProperty("permissions");
    } finally {
      await showKeyMeta(false);
    }
  });

  it("a session without read_key still gets 403, and sees nothing", async () => {
    const s = await h.session(t, "user_1", ["api.*.create_key"]);
    const res = await post(h.url, "/v2/portal.listKeys", {}, s.token);
    expectError(res, 403, "unkey/authorization/insufficient_permissions");
    for (const secret of SECRETS) expect(res.text).not.toContain(secret);
  });
});
