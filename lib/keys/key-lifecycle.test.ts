import { Unkey } from "@unkey/api";
import { sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { advanceClock, now, resetClock } from "@/lib/clock";
import { BACKENDS } from "@/lib/testing/test-db";
import { useTestApp } from "@/lib/testing/test-app";
import { post, seedRootKey, seedWorkspace } from "@/lib/testing/fixtures";

const TYPE = "http://localhost:3000/docs/errors/";

describe.each(BACKENDS)("key lifecycle, input and isolation on %s", (backend) => {
  const app = useTestApp(backend);
  let unkey: Unkey;
  let rootKey: string;
  let workspaceId: string;
  let apiId: string;
  let other: { unkey: Unkey; rootKey: string; apiId: string; keyId: string; key: string };

  beforeAll(async () => {
    ({ rootKey, workspaceId } = await seedWorkspace());
    unkey = new Unkey({ rootKey, serverURL: app.url });
    apiId = (await unkey.apis.createApi({ name: "lifecycle" })).data.apiId;
    const o = await seedWorkspace("Other");
    const ou = new Unkey({ rootKey: o.rootKey, serverURL: app.url });
    const oApi = (await ou.apis.createApi({ name: "theirs" })).data.apiId;
    const oKey = (await ou.keys.createKey({ apiId: oApi, externalId: "their_user" })).data;
    other = { unkey: ou, rootKey: o.rootKey, apiId: oApi, ...oKey };
  });
  afterEach(() => resetClock());

  const call = (path: string, body: unknown, token = rootKey) => post(app.url, path, body, token);

  it("getKey and whoami return the SDK's KeyResponseData and never the secret or hash", async () => {
    const expires = now() + 3_600_000;
    const { keyId, key } = (
      await unkey.keys.createKey({
        apiId,
        name: "full",
        externalId: "u_full",
        meta: { plan: "pro" },
        expires,
        credits: { remaining: 100, refill: { interval: "daily", amount: 100 } },
        ratelimits: [{ name: "rps", limit: 10, duration: 1000, autoApply: true }],
        permissions: ["a.read"],
      })
    ).data;
    const got = (await unkey.keys.getKey({ keyId })).data;
    expect(got).toMatchObject({
      keyId,
      start: key.slice(0, 4),
      enabled: true,
      name: "full",
      meta: { plan: "pro" },
      expires,
      permissions: ["a.read"],
      credits: { remaining: 100, refill: { interval: "daily", amount: 100 } },
      identity: { externalId: "u_full" },
      ratelimits: [{ name: "rps", limit: 10, duration: 1000, autoApply: true }],
    });
    expect(got.ratelimits?.[0]?.id).toMatch(/^rl_/);
    const raw = await call("/v2/keys.getKey", { keyId });
    expect(raw.text).not.toContain(key);
    expect(raw.text).not.toMatch(/hash/i);
    expect((await unkey.keys.whoami({ key })).data.keyId).toBe(keyId);
    const decrypt = await call("/v2/keys.getKey", { keyId, decrypt: true });
    expect(decrypt.status).toBe(400);
    expect(decrypt.body.error.errors[0]).toMatchObject({ location: "body.decrypt" });
    expect(decrypt.body.error.errors[0].fix ?? decrypt.body.error.errors[0].message).toBeTruthy();
  });

  it("updateKey: omitted = unchanged, null = cleared; disabling stops verification at once", async () => {
    const { keyId, key } = (await unkey.keys.createKey({ apiId, name: "upd", meta: { a: 1 }, externalId: "u_upd", credits: { remaining: 5 } })).data;
    await unkey.keys.updateKey({ keyId, name: "renamed" });
    let got = (await unkey.keys.getKey({ keyId })).data;
    expect(got).toMatchObject({ name: "renamed", meta: { a: 1 }, identity: { externalId: "u_upd" }, credits: { remaining: 5 } });
    const before = now();
    await unkey.keys.updateKey({ keyId, meta: null, externalId: null, credits: null });
    const after = now();
    got = (await unkey.keys.getKey({ keyId })).data;
    expect(got.meta).toBeUndefined();
    expect(got.identity).toBeUndefined();
    expect(got.credits).toBeUndefined();
    expect(got.name).toBe("renamed");
    // Stamped by that last update, somewhere in its request (real time runs on under the offset clock).
    expect(got.updatedAt).toBeGreaterThanOrEqual(before);
    expect(got.updatedAt).toBeLessThanOrEqual(after);

    await unkey.keys.updateKey({ keyId, enabled: false });
    expect((await unkey.keys.verifyKey({ key })).data).toMatchObject({ valid: false, code: "DISABLED", enabled: false });
    await unkey.keys.updateKey({ keyId, enabled: true, expires: now() + 1000 });
    expect((await unkey.keys.verifyKey({ key })).data.code).toBe("VALID");
    advanceClock(1001);
    expect((await unkey.keys.verifyKey({ key })).data.code).toBe("EXPIRED");
    resetClock();
    // A direct UPDATE by another code path is seen by the next verification: no cache.
    await app.db.db.execute(sql`update keys set enabled = false where id = ${keyId}`);
    expect((await unkey.keys.verifyKey({ key })).data.code).toBe("DISABLED");
  });

  it("verifyKey with a permissions query answers INSUFFICIENT_PERMISSIONS and lists the key's permissions", async () => {
    const { key } = (await unkey.keys.createKey({ apiId, permissions: ["documents.read", "users.view"] })).data;
    const ok = (await unkey.keys.verifyKey({ key, permissions: "(documents.read OR documents.write) AND users.view" })).data;
    expect(ok).toMatchObject({ valid: true, code: "VALID", permissions: ["documents.read", "users.view"] });
    const no = (await unkey.keys.verifyKey({ key, permissions: "documents.write" })).data;
    expect(no).toMatchObject({ valid: false, code: "INSUFFICIENT_PERMISSIONS" });
    const bad = await call("/v2/keys.verifyKey", { key, permissions: "(a OR" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.errors[0].location).toBe("body.permissions");
  });

  it("updateCredits: set, increment, decrement (floored at 0), null = unlimited", async () => {
    const { keyId, key } = (await unkey.keys.createKey({ apiId, credits: { remaining: 2 } })).data;
    expect((await unkey.keys.updateCredits({ keyId, operation: "increment", value: 3 })).data).toEqual({ remaining: 5 });
    expect((await unkey.keys.updateCredits({ keyId, operation: "decrement", value: 9 })).data).toEqual({ remaining: 0 });
    expect((await unkey.keys.verifyKey({ key })).data.code).toBe("USAGE_EXCEEDED");
    const unlimited = await unkey.keys.updateCredits({ keyId, operation: "set", value: null });
    expect(unlimited.data.remaining).toBeNull();
    const v = (await unkey.keys.verifyKey({ key })).data;
    expect(v.code).toBe("VALID");
    expect(v.credits).toBeUndefined();
    const bad = await call("/v2/keys.updateCredits", { keyId, operation: "increment", value: 1 });
    expect(bad.status).toBe(400);
  });

  it("daily refill tops credits up in the next period", async () => {
    const { key } = (await unkey.keys.createKey({ apiId, credits: { remaining: 1, refill: { interval: "daily", amount: 3 } } })).data;
    expect((await unkey.keys.verifyKey({ key })).data.credits).toBe(0);
    expect((await unkey.keys.verifyKey({ key })).data.code).toBe("USAGE_EXCEEDED");
    advanceClock(24 * 3_600_000);
    expect((await unkey.keys.verifyKey({ key })).data).toMatchObject({ code: "VALID", credits: 2 });
  });

  it("deleteKey soft-deletes (NOT_FOUND, 404 on get), permanent removes the row", async () => {
    const a = (await unkey.keys.createKey({ apiId })).data;
    await unkey.keys.deleteKey({ keyId: a.keyId });
    expect((await unkey.keys.verifyKey({ key: a.key })).data.code).toBe("NOT_FOUND");
    expect((await call("/v2/keys.getKey", { keyId: a.keyId })).status).toBe(404);
    const rows = (await app.db.db.execute(sql`select deleted_at from keys where id = ${a.keyId}`)) as unknown;
    const list = Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows;
    expect(list.length).toBe(1);
    const b = (await unkey.keys.createKey({ apiId })).data;
    await unkey.keys.deleteKey({ keyId: b.keyId, permanent: true });
    const gone = (await app.db.db.execute(sql`select id from keys where id = ${b.keyId}`)) as unknown;
    expect((Array.isArray(gone) ? gone : (gone as { rows: unknown[] }).rows).length).toBe(0);
  });

  it("ids of another workspace are 404 everywhere and its keys verify NOT_FOUND; nothing changes", async () => {
    for (const [path, body, code] of [
      ["/v2/keys.getKey", { keyId: other.keyId }, "key_not_found"],
      ["/v2/keys.updateKey", { keyId: other.keyId, name: "pwned" }, "key_not_found"],
      ["/v2/keys.deleteKey", { keyId: other.keyId }, "key_not_found"],
      ["/v2/keys.rerollKey", { keyId: other.keyId, expiration: 0 }, "key_not_found"],
      ["/v2/keys.updateCredits", { keyId: other.keyId, operation: "set", value: 1 }, "key_not_found"],
      ["/v2/keys.whoami", { key: other.key }, "key_not_found"],
      ["/v2/keys.createKey", { apiId: other.apiId }, "api_not_found"],
      ["/v2/apis.getApi", { apiId: other.apiId }, "api_not_found"],
      ["/v2/apis.listKeys", { apiId: other.apiId }, "api_not_found"],
      ["/v2/apis.deleteApi", { apiId: other.apiId }, "api_not_found"],
      ["/v2/identities.getIdentity", { identity: "their_user" }, "identity_not_found"],
      ["/v2/identities.deleteIdentity", { identity: "their_user" }, "identity_not_found"],
    ] as const) {
      const res = await call(path, body);
      expect(res.status, path).toBe(404);
      expect(res.body.error.type).toBe(`${TYPE}unkey/data/${code}`);
    }
    // Even a root key with no permissions at all gets 404 rather than 403 for them.
    const { rootKey: weak } = await seedRootKey(workspaceId, ["identity.*.read_identity"]);
    expect((await call("/v2/keys.getKey", { keyId: other.keyId }, weak)).status).toBe(404);
    expect((await call("/v2/apis.getApi", { apiId: other.apiId }, weak)).status).toBe(404);
    expect((await unkey.keys.verifyKey({ key: other.key })).data).toEqual({ valid: false, code: "NOT_FOUND" });
    const theirs = (await other.unkey.keys.getKey({ keyId: other.keyId })).data;
    expect(theirs.name).toBeUndefined();
    expect((await other.unkey.keys.verifyKey({ key: other.key })).data.code).toBe("VALID");
  });

  it("bad input: wrong types, unknown fields, out-of-range numbers → 400 naming the field; nothing created", async () => {
    const before = (await unkey.apis.listKeys({ apiId })).result.data.length;
    const cases: [Record<string, unknown>, string][] = [
      [{ apiId, byteLength: 8 }, "body.byteLength"],
      [{ apiId, byteLength: 256 }, "body.byteLength"],
      [{ apiId, prefix: "has-dash" }, "body.prefix"],
      [{ apiId, prefix: "x".repeat(17) }, "body.prefix"],
      [{ apiId, name: "n".repeat(256) }, "body.name"],
      [{ apiId, meta: { big: "x".repeat(11 * 1024) } }, "body.meta"],
      [{ apiId, meta: [1, 2] }, "body.meta"],
      [{ apiId, externalId: "bad\nid" }, "body.externalId"],
      [{ apiId, credits: { remaining: -1 } }, "body.credits.remaining"],
      [{ apiId, ratelimits: [{ name: "r", limit: 0, duration: 1000 }] }, "body.ratelimits.0.limit"],
      [{ apiId, enabled: "yes" }, "body.enabled"],
      [{ apiId, workspaceId: "ws_x" }, "body.workspaceId"],
      [{ apiId, recoverable: true }, "body.recoverable"],
      [{ apiId, roles: ["admin"] }, "body.roles"],
      [{ apiId, expires: 1000 }, "body.expires"],
    ];
    for (const [body, location] of cases) {
      const res = await call("/v2/keys.createKey", body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.error.type).toBe(`${TYPE}unkey/application/invalid_input`);
      expect(res.body.error.errors.map((e: { location: string }) => e.location)).toContain(location);
    }
    // The SDK's own defaults (byteLength 16, enabled true, recoverable false) are accepted.
    expect((await call("/v2/keys.createKey", { apiId, byteLength: 16, enabled: true, recoverable: false, roles: [] })).status).toBe(200);
    expect((await unkey.apis.listKeys({ apiId })).result.data.length).toBe(before + 1);
    for (const [path, body] of [
      ["/v2/apis.listKeys", { apiId, limit: 0 }],
      ["/v2/apis.listKeys", { apiId, limit: 101 }],
      ["/v2/apis.listKeys", { apiId, cursor: "garbage" }],
      ["/v2/apis.listKeys", { apiId, decrypt: true }],
      ["/v2/keys.rerollKey", { keyId: "key_x", expiration: -1 }],
      ["/v2/keys.verifyKey", { key: "x", credits: { cost: -1 } }],
      ["/v2/keys.verifyKey", { key: 5 }],
      ["/v2/keys.updateKey", { keyId: "key_x", bogus: 1 }],
    ] as const) {
      const res = await call(path, body);
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(Array.isArray(res.body.error.errors)).toBe(true);
    }
  });

  it("permissions: create_key/read_key/update_key/delete_key per API; 403 names the permission", async () => {
    const { keyId } = (await unkey.keys.createKey({ apiId })).data;
    const { rootKey: reader } = await seedRootKey(workspaceId, [`api.${apiId}.read_key`]);
    expect((await call("/v2/keys.getKey", { keyId }, reader)).status).toBe(200);
    for (const [path, body, perm] of [
      ["/v2/keys.createKey", { apiId }, "create_key"],
      ["/v2/keys.updateKey", { keyId, name: "x" }, "update_key"],
      ["/v2/keys.deleteKey", { keyId }, "delete_key"],
      ["/v2/keys.rerollKey", { keyId, expiration: 0 }, "create_key"],
      ["/v2/apis.deleteApi", { apiId }, "delete_api"],
      ["/v2/apis.listKeys", { apiId }, "read_api"],
    ] as const) {
      const res = await call(path, body, reader);
      expect(res.status, path).toBe(403);
      expect(res.body.error.detail).toContain(perm);
    }
    expect((await unkey.keys.getKey({ keyId })).data.name).toBeUndefined();
  });

  it("deleteApi: its keys stop verifying at once, the API is 404 afterwards", async () => {
    const { apiId: doomed } = (await unkey.apis.createApi({ name: "doomed" })).data;
    const { key } = (await unkey.keys.createKey({ apiId: doomed })).data;
    expect((await unkey.keys.verifyKey({ key })).data.code).toBe("VALID");
    expect((await unkey.apis.deleteApi({ apiId: doomed })).data).toEqual({});
    expect((await unkey.keys.verifyKey({ key })).data.code).toBe("NOT_FOUND");
    expect((await call("/v2/apis.getApi", { apiId: doomed })).status).toBe(404);
    expect((await unkey.apis.getApi({ apiId })).data).toEqual({ id: apiId, name: "lifecycle" });
  });
});
