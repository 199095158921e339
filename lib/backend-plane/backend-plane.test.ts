import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rootKeys } from "@/db/schema";
import { ROOT_KEY_CACHE_MAX_AGE_MS } from "@/lib/auth/root-key-cache";
import { withSocketAddress } from "@/lib/backend-plane/listener";
import { SOCKET_ADDRESS_HEADER } from "@/lib/http/client-address";
import { planeOf, ROUTES } from "@/lib/http/route-table";
import { revokeRootKey } from "@/lib/operator/revoke-root-key";
import { expectError, type Harness, openHarness, seedTenant, type Tenant, TYPE } from "@/lib/testing/harness";
import { post, seedRootKey } from "@/lib/testing/fixtures";
import { BACKENDS } from "@/lib/testing/test-db";

describe("which plane serves a path", () => {
  it("the backend plane takes root-key and operator endpoints, /openapi.json and unknown API paths", () => {
    for (const path of ["/v2/keys.verifyKey", "/v2/apis.listKeys", "/v2/identities.getIdentity", "/v2/portal.createSession", "/v2/portal.listSessions", "/v2/portal.revokeSession", "/v2/liveness", "/openapi.json", "/operator/v1/workspaces.create", "/v2/keys.nope", "/operator/internal/bootstrap"]) {
      expect(planeOf(path), path).toBe("backend");
    }
  });
  it("Next.js keeps the session exchange, the portal-session endpoints, pages and docs", () => {
    for (const path of ["/v2/portal.exchangeCode", "/v2/portal.exchangeSession", "/v2/portal.listKeys", "/v2/portal.createKey", "/v2/portal.rerollKey", "/v2/portal.updateKey", "/v2/portal.deleteKey", "/v2/portal.getVerifications", "/v2/portal.getSession", "/v2/portal.logout", "/", "/portal/pc_x/keys", "/docs/errors", "/_next/static/x.js"]) {
      expect(planeOf(path), path).toBe("browser");
    }
  });
  it("every API route is on exactly one plane, and every portal endpoint a root key calls is on the backend", () => {
    const browser = Object.keys(ROUTES).filter((p) => planeOf(p) === "browser");
    expect(browser.every((p) => p.startsWith("/v2/portal."))).toBe(true);
    expect(browser).toHaveLength(10);
  });
});

describe.each(BACKENDS)("backend plane over HTTP on %s", (backend) => {
  let h: Harness;
  let t: Tenant;
  beforeAll(async () => {
    h = await openHarness(backend);
    t = await seedTenant(h.url, "Acme");
  });
  afterAll(() => h.close());

  it("an unknown /v2 path is a 404 in the envelope, with a docs page", async () => {
    const res = await post(h.url, "/v2/keys.verifykey", { key: "x" }, t.rootKey);
    expectError(res, 404, "keyport/routing/route_not_found");
    expect(res.body.meta.requestId).toMatch(/^req_/);
    expect(res.headers.get("x-request-id")).toBe(res.body.meta.requestId);
  });

  it("a method the endpoint does not take is a 405 naming the ones it does, and changes nothing", async () => {
    const res = await fetch(`${h.url}/v2/apis.deleteApi?apiId=${t.apiId}`, { headers: { Authorization: `Bearer ${t.rootKey}` } });
    const body = await res.json();
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
    expect(body.error.type).toBe(`${TYPE}keyport/routing/method_not_allowed`);
    expect((await h.rk(t, "apis.getApi", { apiId: t.apiId })).status).toBe(200);
    const liveness = await fetch(`${h.url}/v2/liveness`, { method: "DELETE" });
    expect(liveness.status).toBe(405);
    expect(liveness.headers.get("allow")).toBe("GET, POST");
  });

  it("HEAD /v2/liveness answers like GET (load-balancer health checks)", async () => {
    const res = await fetch(`${h.url}/v2/liveness`, { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toMatch(/^req_/);
  });

  it("answers carry the same security headers as Next.js's pages, and no CORS", async () => {
    const res = await post(h.url, "/v2/apis.getApi", { apiId: t.apiId }, t.rootKey, { Origin: "https://evil.example" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-length")).toBe(String(Buffer.byteLength(res.text)));
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("a root key revoked through the operator verb stops at once on this process", async () => {
    const { keyId, rootKey } = await seedRootKey(t.workspaceId, ["*"]);
    expect((await post(h.url, "/v2/apis.getApi", { apiId: t.apiId }, rootKey)).status).toBe(200);
    await revokeRootKey({ db: h.db.db, keyId, actor: { type: "operator", id: "test" } });
    expectError(await post(h.url, "/v2/apis.getApi", { apiId: t.apiId }, rootKey), 401, "unkey/authentication/key_not_found");
  });

  it("a root key revoked by another process (the row alone changes) stops within the cache's 1 s", async () => {
    const { keyId, rootKey } = await seedRootKey(t.workspaceId, ["*"]);
    expect((await post(h.url, "/v2/apis.getApi", { apiId: t.apiId }, rootKey)).status).toBe(200);
    await h.db.db.update(rootKeys).set({ deletedAt: Date.now() }).where(eq(rootKeys.id, keyId));
    const revokedAt = performance.now();
    let status = 200;
    while (status === 200 && performance.now() - revokedAt < 3000) {
      status = (await post(h.url, "/v2/apis.getApi", { apiId: t.apiId }, rootKey)).status;
      if (status === 200) await new Promise((r) => setTimeout(r, 20));
    }
    expect(status).toBe(401);
    expect(performance.now() - revokedAt).toBeLessThanOrEqual(ROOT_KEY_CACHE_MAX_AGE_MS + 250);
  });
});

describe("socket address", () => {
  it("a client-sent copy of the header is replaced by the socket's own address", async () => {
    const server = createServer((req, res) => res.end(JSON.stringify(withSocketAddress(req))));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { headers: { "X-Keyport-Socket-Address": "203.0.113.9", "X-Other": "kept" } });
      const raw: string[] = await res.json();
      const pairs = raw.flatMap((v, i) => (i % 2 === 0 ? [[v.toLowerCase(), raw[i + 1]]] : []));
      expect(pairs.filter(([k]) => k === SOCKET_ADDRESS_HEADER)).toEqual([[SOCKET_ADDRESS_HEADER, "127.0.0.1"]]);
      expect(pairs).toContainEqual(["x-other", "kept"]);
    } finally {
      server.close();
    }
  });
});
