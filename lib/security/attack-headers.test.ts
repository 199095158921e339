import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { codeOf } from "@/lib/testing/portal-fixtures";
import { type Harness, openHarness, seedTenant, type Tenant } from "@/lib/testing/harness";
import { post } from "@/lib/testing/fixtures";
import { BACKENDS } from "@/lib/testing/test-db";

/**
 * Attack suite — response headers of the /v2 handlers themselves (the page headers from
 * next.config.ts — CSP, frame-ancestors, HSTS — only exist under Next: e2e/process-faults.spec.ts).
 */
describe.each(BACKENDS)("attack: API headers on %s", (backend) => {
  let h: Harness;
  let t: Tenant;

  beforeAll(async () => {
    h = await openHarness(backend);
    t = await seedTenant(h.url, "Acme");
  });
  afterAll(async () => {
    await h.close();
    delete process.env.PUBLIC_URL;
    resetEnvForTests();
  });

  it("no credentialed CORS on /v2, whatever Origin is sent, on success and on error", async () => {
    const s = await h.session(t, "user_1");
    for (const origin of ["https://evil.example", "null", "http://localhost:3000"]) {
      const responses = [
        await post(h.url, "/v2/portal.getSession", {}, undefined, { Cookie: s.cookie, Origin: origin }),
        await post(h.url, "/v2/portal.getSession", {}, s.token, { Origin: origin }),
        await post(h.url, "/v2/apis.getApi", { apiId: t.apiId }, t.rootKey, { Origin: origin }),
        await post(h.url, "/v2/apis.getApi", { apiId: t.apiId }, undefined, { Origin: origin }),
      ];
      for (const res of responses) {
        expect(res.headers.get("access-control-allow-origin")).toBeNull();
        expect(res.headers.get("access-control-allow-credentials")).toBeNull();
      }
    }
    const preflight = await fetch(`${h.url}/v2/portal.deleteKey`, {
      method: "OPTIONS",
      headers: { Origin: "https://evil.example", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type" },
    });
    await preflight.arrayBuffer();
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
    expect(preflight.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("every response holding a secret says Cache-Control: no-store and nosniff", async () => {
    const created = await post(h.url, "/v2/keys.createKey", { apiId: t.apiId, externalId: "u" }, t.rootKey);
    const rerolled = await post(h.url, "/v2/keys.rerollKey", { keyId: created.body.data.keyId, expiration: 0 }, t.rootKey);
    const session = await post(h.url, "/v2/portal.createSession", { slug: t.slug, externalId: "u", permissions: ["api.*.create_key"] }, t.rootKey);
    const exchanged = await post(h.url, "/v2/portal.exchangeCode", { code: codeOf(session.body.data.url) });
    const portalKey = await post(h.url, "/v2/portal.createKey", {}, exchanged.body.data.accessToken);
    for (const res of [created, rerolled, session, exchanged, portalKey]) {
      expect(res.status, res.text).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  it("the portal cookie is HttpOnly, SameSite=Lax, Path=/, no Domain, and not Secure over http", async () => {
    const s = await post(h.url, "/v2/portal.createSession", { slug: t.slug, externalId: "u", permissions: ["api.*.read_key"] }, t.rootKey);
    const res = await post(h.url, "/v2/portal.exchangeCode", { code: codeOf(s.body.data.url) });
    const [cookie] = res.headers.getSetCookie();
    expect(cookie).toMatch(/^portal_session=Fe26\.2\*/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/; Domain=/i);
    expect(cookie).not.toMatch(/; Secure/);
    // The access token itself is never in the cookie of a browser, only its seal.
    expect(cookie).not.toContain(res.body.data.accessToken);
  });

  it("the cookie is Secure when PUBLIC_URL is https", async () => {
    process.env.PUBLIC_URL = "https://keys.acme.example";
    resetEnvForTests();
    try {
      const s = await post(h.url, "/v2/portal.createSession", { slug: t.slug, externalId: "u", permissions: ["api.*.read_key"] }, t.rootKey);
      expect(s.body.data.url).toMatch(/^https:\/\/keys\.acme\.example\/portal\//);
      const res = await post(h.url, "/v2/portal.exchangeCode", { code: codeOf(s.body.data.url) });
      expect(res.headers.getSetCookie()[0]).toMatch(/; Secure/);
    } finally {
      delete process.env.PUBLIC_URL;
      resetEnvForTests();
    }
  });

  it("every response carries X-Request-Id equal to meta.requestId, also on refusals", async () => {
    for (const res of [await post(h.url, "/v2/apis.getApi", { apiId: t.apiId }), await post(h.url, "/v2/portal.exchangeCode", { code: "pst_x" })]) {
      expect(res.headers.get("x-request-id")).toBe(res.body.meta.requestId);
    }
  });
});
