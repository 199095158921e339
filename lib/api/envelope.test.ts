import { beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "@/lib/testing/test-db";
import { useTestApp } from "@/lib/testing/test-app";
import { expectError } from "@/lib/testing/expect-error";
import { post, seedRootKey, seedWorkspace } from "@/lib/testing/fixtures";

describe.each(BACKENDS)("API envelope on %s", (backend) => {
  const app = useTestApp(backend);
  let rootKey: string;
  let workspaceId: string;

  beforeAll(async () => {
    ({ rootKey, workspaceId } = await seedWorkspace());
  });

  it("answers success with meta.requestId, data and the X-Request-Id header", async () => {
    const res = await post(app.url, "/v2/apis.createApi", { name: "production" }, rootKey);
    expect(res.status).toBe(200);
    expect(res.body.data.apiId).toMatch(/^api_/);
    expect(res.headers.get("x-request-id")).toBe(res.body.meta.requestId);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const got = await post(app.url, "/v2/apis.getApi", { apiId: res.body.data.apiId }, rootKey);
    expect(got.body.data).toEqual({ id: res.body.data.apiId, name: "production" });
  });

  it("401 missing without an Authorization header", async () => {
    expectError(await post(app.url, "/v2/apis.createApi", { name: "x" }), 401, "unkey/authentication/missing");
  });

  it.each(["Basic abc", "Bearer", "Bearer a b", "unkey_abc", "Bearer  "])("401 malformed for %j", async (header) => {
    const res = await post(app.url, "/v2/apis.createApi", { name: "xyz" }, undefined, { Authorization: header });
    expectError(res, 401, "unkey/authentication/malformed");
  });

  it("401 key_not_found for an unknown root key, and ignores a key in the query string", async () => {
    expectError(await post(app.url, "/v2/apis.createApi", { name: "xyz" }, "unkey_nope"), 401, "unkey/authentication/key_not_found");
    expectError(await post(app.url, `/v2/apis.createApi?rootKey=${rootKey}`, { name: "xyz" }), 401, "unkey/authentication/missing");
  });

  it("415 for a body that is not application/json, and nothing is created", async () => {
    const res = await post(app.url, "/v2/apis.createApi", "name=x", rootKey, { "Content-Type": "text/plain" });
    expectError(res, 415, "user/bad_request/unsupported_content_type");
  });

  it("400 request_body_unreadable for broken JSON", async () => {
    const res = await post(app.url, "/v2/apis.createApi", "{name:", rootKey);
    expectError(res, 400, "user/bad_request/request_body_unreadable");
    expect(res.body.error.errors).toEqual([]);
  });

  it("413 over the 1 MiB body cap", async () => {
    const res = await post(app.url, "/v2/apis.createApi", JSON.stringify({ name: "x".repeat(1024 * 1024 + 10) }), rootKey);
    expectError(res, 413, "user/bad_request/request_body_too_large");
  });

  it("400 invalid_input with errors[] naming each field, unknown fields included", async () => {
    const res = await post(app.url, "/v2/apis.createApi", { name: 5, __proto__x: 1, admin: true }, rootKey);
    expectError(res, 400, "unkey/application/invalid_input");
    const locations = res.body.error.errors.map((e: { location: string }) => e.location);
    expect(locations).toEqual(expect.arrayContaining(["body.name", "body.admin", "body.__proto__x"]));
    for (const e of res.body.error.errors) expect(typeof e.message).toBe("string");
  });

  it("403 insufficient_permissions names the missing permission", async () => {
    const { rootKey: weak } = await seedRootKey(workspaceId, ["api.*.read_api"]);
    const res = await post(app.url, "/v2/apis.createApi", { name: "nope" }, weak);
    expectError(res, 403, "unkey/authorization/insufficient_permissions");
    expect(res.body.error.detail).toContain("api.*.create_api");
  });

  it("404 api_not_found for an API of another workspace", async () => {
    const other = await seedWorkspace("Other");
    const created = await post(app.url, "/v2/apis.createApi", { name: "theirs" }, other.rootKey);
    const res = await post(app.url, "/v2/apis.getApi", { apiId: created.body.data.apiId }, rootKey);
    expectError(res, 404, "unkey/data/api_not_found");
  });

  it("liveness answers 200 by GET and POST", async () => {
    const got = await fetch(`${app.url}/v2/liveness`);
    expect(got.status).toBe(200);
    expect((await got.json()).data).toEqual({ message: "OK" });
  });
});
