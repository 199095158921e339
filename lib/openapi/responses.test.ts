import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";
import { ROUTES } from "@/lib/http/route-table";
import { post } from "@/lib/testing/fixtures";
import { ALL_PORTAL_PERMISSIONS } from "@/lib/testing/harness";
import { codeOf } from "@/lib/testing/portal-fixtures";
import { useTestApp } from "@/lib/testing/test-app";
import { BACKENDS } from "@/lib/testing/test-db";

/**
 * Every operation of /openapi.json, called for real, answers a 200 body that the document's own
 * response schema for it accepts. Output objects are closed (no field beyond those listed), so a
 * field the schema forgot fails here as much as a missing or mistyped one.
 */

const OPERATOR_TOKEN = "kpo_responses_test_operator_token_0123456789";
const HOUR = 3_600_000;

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: Record<string, unknown> }> }> }>> };
type Body = { meta: { requestId: string }; data: Record<string, unknown> & Record<number, unknown>; pagination?: { cursor?: string } };

/** Validators for the 200 schema of each operation, resolved inside the whole document (its $refs included). */
function responseValidators(doc: Doc) {
  // strict: false because the document is OpenAPI, not JSON Schema: `openapi`, `info`, `paths` are not keywords.
  const ajv = new Ajv2020({ strict: false, allErrors: true, formats: { uri: true } });
  ajv.addSchema(doc, "openapi");
  const escape = (s: string) => s.replaceAll("~", "~0").replaceAll("/", "~1");
  return (method: string, path: string): ValidateFunction => {
    const pointer = `openapi#/paths/${escape(path)}/${method}/responses/200/content/${escape("application/json")}/schema`;
    const validate = ajv.getSchema(pointer);
    if (!validate) throw new Error(`no 200 schema for ${method} ${path}`);
    return validate;
  };
}

const operationsOf = (doc: Doc) => Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`));

describe.each(BACKENDS)("response schemas of /openapi.json on %s", (backend) => {
  const app = useTestApp(backend, { env: { KEYPORT_OPERATOR_TOKEN: OPERATOR_TOKEN } });
  let doc: Doc;
  let validatorOf: ReturnType<typeof responseValidators>;
  const checked = new Set<string>();

  beforeAll(async () => {
    const res = await fetch(`${app.url}/openapi.json`);
    doc = (await res.json()) as Doc;
    validatorOf = responseValidators(doc);
  });

  /** Calls one operation, expects 200 and a body its 200 schema accepts, and records it as checked. */
  async function call(method: "post" | "get", path: string, body: unknown, token?: string): Promise<Body> {
    const res =
      method === "get"
        ? await fetch(`${app.url}${path}`).then(async (r) => ({ status: r.status, text: await r.text() }))
        : await post(app.url, path, body, token);
    expect(res.status, `${method.toUpperCase()} ${path}: ${res.text}`).toBe(200);
    const parsed = JSON.parse(res.text) as Body;
    const validate = validatorOf(method, path);
    const ok = validate(parsed);
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
    expect(problems, `${method.toUpperCase()} ${path} answered ${res.text}`).toEqual([]);
    expect(ok).toBe(true);
    checked.add(`${method} ${path}`);
    return parsed;
  }

  it("every operation answers a 200 body its response schema accepts", async () => {
    const op = (name: string, body: unknown) => call("post", `/operator/v1/${name}`, body, OPERATOR_TOKEN);

    // The operator provisions a workspace, an API, root keys and a portal showing every optional field.
    await call("get", "/v2/liveness", undefined);
    await call("post", "/v2/liveness", {});
    const ws = (await op("workspaces.create", { name: "Acme", slug: "acme" })).data;
    const workspaceId = ws.workspaceId as string;
    const rootKey = ws.rootKey as string;
    await op("workspaces.list", {});
    const apiId = (await op("apis.create", { workspaceId, name: "production", prefix: "acme" })).data.apiId as string;
    const extraRootKey = (await op("rootKeys.create", { workspaceId, name: "ci", permissions: ["api.*.read_key"] })).data;
    await op("rootKeys.list", { workspaceId });
    await op("rootKeys.revoke", { keyId: extraRootKey.keyId });
    await op("portals.create", {
      workspaceId,
      slug: "dev",
      apiIds: [apiId],
      displayName: "Acme developers",
      logoUrl: "https://acme.example/logo.png",
      primaryColor: "#123456",
      returnUrl: "https://acme.example/account",
      apiBaseUrl: "https://api.acme.example",
      docsMarkdown: "# Using your key",
      showKeyMeta: true,
      keyTemplate: {
        prefix: "dev",
        byteLength: 24,
        credits: { remaining: 100, refill: { interval: "monthly", amount: 100, refillDay: 1 } },
        ratelimits: [{ name: "requests", limit: 10, duration: 60_000 }],
        defaultExpiryMs: 24 * HOUR,
      },
    });
    await op("portals.get", { workspaceId, portal: "dev" });
    await op("portals.list", { workspaceId });
    await op("portals.update", { workspaceId, portal: "dev", sessionPolicy: "sliding" });
    await op("portals.disable", { workspaceId, portal: "dev" });
    await op("portals.enable", { workspaceId, portal: "dev" });
    await op("demo", {});
    await op("console.createLink", {});
    await op("console.createLink", { workspaceId });
    await op("console.revokeSessions", { workspaceId });

    // The root key: APIs, identities and keys, with every optional field set somewhere.
    const rk = (name: string, body: unknown) => call("post", `/v2/${name}`, body, rootKey);
    await rk("apis.getApi", { apiId });
    const spareApiId = (await rk("apis.createApi", { name: "to be deleted" })).data.apiId;
    const identityId = (await rk("identities.createIdentity", { externalId: "user_1", meta: { plan: "pro", seats: null }, ratelimits: [{ name: "requests", limit: 100, duration: 60_000 }] })).data.identityId;
    await rk("identities.createIdentity", { externalId: "user_2" });
    await rk("identities.getIdentity", { identity: "user_1" });
    await rk("identities.updateIdentity", { identity: identityId, meta: { plan: "team" } });
    expect((await rk("identities.listIdentities", { limit: 1 })).pagination?.cursor).toBeTruthy();
    const full = (
      await rk("keys.createKey", {
        apiId,
        externalId: "user_1",
        name: "full",
        meta: { tier: "gold", nested: { a: [1, null] } },
        permissions: ["documents.read"],
        expires: Date.now() + 24 * HOUR,
        credits: { remaining: 10, refill: { interval: "daily", amount: 10 } },
        ratelimits: [{ name: "requests", limit: 5, duration: 60_000, autoApply: true }],
      })
    ).data;
    const bare = (await rk("keys.createKey", { apiId })).data;
    const doomed = (await rk("keys.createKey", { apiId, externalId: "user_2" })).data;
    await rk("keys.getKey", { keyId: full.keyId });
    await rk("keys.whoami", { key: full.key });
    expect((await rk("apis.listKeys", { apiId, limit: 1 })).pagination?.cursor).toBeTruthy();
    const verified = (await rk("keys.verifyKey", { key: full.key, permissions: "documents.read", ratelimits: [{ name: "requests" }] })).data;
    expect(verified).toMatchObject({ valid: true, permissions: ["documents.read"], identity: { externalId: "user_1" } });
    expect(verified.ratelimits).toBeDefined();
    expect((await rk("keys.verifyKey", { key: "acme_not_a_key" })).data).toEqual({ valid: false, code: "NOT_FOUND" });
    await rk("keys.updateKey", { keyId: bare.keyId, name: "renamed", enabled: false });
    expect((await rk("keys.updateCredits", { keyId: full.keyId, operation: "increment", value: 5 })).data.refill).toBeDefined();
    expect((await rk("keys.updateCredits", { keyId: bare.keyId, operation: "set" })).data).toEqual({ remaining: null });
    await rk("keys.rerollKey", { keyId: bare.keyId, expiration: 0 });

    // Portal sessions in both body forms, then everything an end user does with one.
    const seedForm = (await rk("portal.createSession", { slug: "dev", externalId: "user_1", permissions: ALL_PORTAL_PERMISSIONS })).data;
    const sdkForm = (await rk("portal.createSession", { portal: "dev", externalId: "user_1", scopes: ["keys:read"] })).data;
    expect(Object.keys(seedForm).sort()).toEqual(["sessionId", "url"]);
    expect(Object.keys(sdkForm).sort()).toEqual(["id", "url"]);
    const token = (await call("post", "/v2/portal.exchangeCode", { code: codeOf(seedForm.url as string) })).data.accessToken as string;
    await call("post", "/v2/portal.exchangeSession", { sessionId: codeOf(sdkForm.url as string) });
    const pt = (name: string, body: unknown) => call("post", `/v2/portal.${name}`, body, token);
    await pt("getSession", {});
    const portalKey = (await pt("createKey", { name: "from the portal" })).data;
    await pt("updateKey", { keyId: portalKey.keyId, name: "renamed in the portal" });
    const listed = await pt("listKeys", { limit: 1 });
    expect(listed.pagination?.cursor).toBeTruthy();
    expect((await pt("listKeys", {})).data).toEqual(expect.arrayContaining([expect.objectContaining({ meta: expect.any(Object), credits: expect.any(Object) })]));
    await pt("getVerifications", { startTime: Date.now() - HOUR, endTime: Date.now() + 60_000 });
    const rolled = (await pt("rerollKey", { keyId: portalKey.keyId, expiration: HOUR })).data;
    expect((await pt("listKeys", {})).data).toEqual(expect.arrayContaining([expect.objectContaining({ replaced: { by: expect.objectContaining({ keyId: rolled.keyId }) } })]));
    await pt("deleteKey", { keyId: rolled.keyId });
    await rk("portal.listSessions", {});
    await rk("portal.revokeSession", { sessionId: sdkForm.id });
    await pt("logout", {});

    // Deletions last: they remove what the calls above used.
    await rk("keys.deleteKey", { keyId: doomed.keyId });
    await rk("identities.deleteIdentity", { identity: "user_2" });
    await rk("apis.deleteApi", { apiId: spareApiId });
    await op("portals.delete", { workspaceId, portal: "dev" });

    // The workspace's root key has been used by now: the list says when (to the minute).
    const used = (await op("rootKeys.list", { workspaceId })).data.rootKeys as { keyId: string; lastUsedAt?: number }[];
    expect(used.find((k) => k.keyId === ws.rootKeyId)?.lastUsedAt).toEqual(expect.any(Number));

    // The audit log of all of the above, by the root key and by the operator.
    expect((await rk("audit.listEvents", { limit: 2 })).pagination?.cursor).toBeTruthy();
    expect((await op("audit.list", { workspaceId, events: ["portal.delete"] })).data).toHaveLength(1);

    // A new route fails here until this scenario calls it.
    expect(operationsOf(doc).filter((o) => !checked.has(o))).toEqual([]);
  });

  it("the check refuses a body off its schema (a leaked field, a missing one, a wrong type)", async () => {
    const validate = validatorOf("post", "/v2/apis.getApi");
    const good = { meta: { requestId: "req_1" }, data: { id: "api_1", name: "production" } };
    expect(validate(good)).toBe(true);
    expect(validate({ ...good, data: { ...good.data, workspaceId: "ws_1" } })).toBe(false);
    expect(validate({ ...good, data: { id: "api_1" } })).toBe(false);
    expect(validate({ ...good, data: { ...good.data, name: 7 } })).toBe(false);
    expect(validate({ data: good.data })).toBe(false);
  });

  it("every operation documents its own `data`, not the generic {}", () => {
    expect(operationsOf(doc).length).toBe(Object.values(ROUTES).reduce((n, mod) => n + ["POST", "GET"].filter((m) => typeof mod[m] === "function").length, 0));
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const schema = operation.responses["200"]?.content["application/json"]?.schema as { properties: { data: Record<string, unknown> } };
        const data = schema.properties.data;
        expect(data, `${method} ${path}`).not.toEqual({});
        expect(data.type ?? data.anyOf, `${method} ${path}`).toBeDefined();
      }
    }
  });
});
