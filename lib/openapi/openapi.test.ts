import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTES } from "@/lib/http/route-table";
import { startTestServer, type TestServer } from "@/lib/testing/test-server";

const ROOT = path.join(import.meta.dirname, "..", "..");
const folders = (dir: string) =>
  readdirSync(path.join(ROOT, dir)).filter((d) => statSync(path.join(ROOT, dir, d)).isDirectory());

describe("OpenAPI coverage", () => {
  // If this fails, a route was added without listing it in lib/http/route-table.ts: add an import and a ROUTES entry.
  it.each(folders("app/v2"))("app/v2/%s is listed in lib/http/route-table.ts", (dir) => {
    expect(Object.keys(ROUTES)).toContain(`/v2/${dir}`);
  });
  it.each(folders("app/operator/v1"))("app/operator/v1/%s is listed in lib/http/route-table.ts", (dir) => {
    expect(Object.keys(ROUTES)).toContain(`/operator/v1/${dir}`);
  });
  it("lists nothing that no longer exists", () => {
    const existing = new Set([...folders("app/v2").map((d) => `/v2/${d}`), ...folders("app/operator/v1").map((d) => `/operator/v1/${d}`)]);
    for (const p of Object.keys(ROUTES)) expect(existing).toContain(p);
  });
});

describe("GET /openapi.json", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server.close());

  it("is OpenAPI 3.1 with every route, request schemas from zod and the right security", async () => {
    const res = await fetch(`${server.url}/openapi.json`);
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual(Object.keys(ROUTES).sort());

    const createApi = doc.paths["/v2/apis.createApi"].post;
    expect(createApi.summary).toContain("create an API");
    expect(createApi.security).toEqual([{ rootKey: [] }]);
    const body = createApi.requestBody.content["application/json"].schema;
    expect(body).toMatchObject({ type: "object", required: ["name"], additionalProperties: false });
    expect(body.properties.name).toMatchObject({ type: "string", minLength: 3, maxLength: 256 });

    expect(doc.paths["/v2/liveness"].get.security).toEqual([]);
    expect(doc.paths["/v2/portal.exchangeCode"].post.security).toEqual([]);
    expect(doc.paths["/v2/portal.createSession"].post.security).toEqual([{ rootKey: [] }]);
    expect(doc.paths["/v2/portal.listKeys"].post.security).toEqual([{ portalBearer: [] }, { portalCookie: [] }]);
    expect(doc.paths["/operator/v1/portals.create"].post.security).toEqual([{ operatorToken: [] }]);
    const portal = doc.paths["/operator/v1/portals.create"].post.requestBody.content["application/json"].schema;
    expect(portal.required).toEqual(expect.arrayContaining(["workspaceId", "slug", "apiIds"]));
    expect(portal.properties.sessionPolicy.enum).toEqual(["fixed", "sliding"]);
    expect(doc.paths["/v2/keys.verifyKey"].post.requestBody.content["application/json"].schema.properties).toHaveProperty("key");
    expect(doc.paths["/v2/apis.createApi"].post.responses["429"].content).toHaveProperty("application/problem+json");
    for (const [p, item] of Object.entries(doc.paths as Record<string, Record<string, { summary?: unknown }>>)) {
      for (const [method, operation] of Object.entries(item)) expect(operation.summary, `${method} ${p}`).toMatch(/\S/);
    }
  });
});
