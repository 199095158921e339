import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { resetEnvForTests } from "@/lib/env";
import { expectError } from "@/lib/testing/expect-error";
import { post, seedRootKey, seedWorkspace } from "@/lib/testing/fixtures";
import { BACKENDS, openTestDatabase } from "@/lib/testing/test-db";
import { startTestServer, type TestServer } from "@/lib/testing/test-server";

const OPERATOR = "audit-test-operator-token-0123456789abcdef";

type Event = { id: string; time: number; actor: { type: string; id: string }; event: string; resourceId?: string; requestId?: string; meta?: Record<string, unknown> };

describe.each(BACKENDS)("the audit log (audit.listEvents, operator audit.list) on %s", (backend) => {
  let handle: DbHandle;
  let server: TestServer;
  let a: Awaited<ReturnType<typeof seedWorkspace>>;
  let b: Awaited<ReturnType<typeof seedWorkspace>>;
  let apiId: string;
  let keyId: string;

  const list = async (body: Record<string, unknown>, rootKey = a.rootKey) => post(server.url, "/v2/audit.listEvents", body, rootKey);
  const all = async (body: Record<string, unknown> = {}) => {
    const events: Event[] = [];
    let cursor: string | undefined;
    do {
      const res = await list({ ...body, limit: 2, ...(cursor ? { cursor } : {}) });
      expect(res.status, res.text).toBe(200);
      events.push(...res.body.data);
      cursor = res.body.pagination.cursor;
    } while (cursor);
    return events;
  };

  beforeAll(async () => {
    process.env.KEYPORT_OPERATOR_TOKEN = OPERATOR;
    resetEnvForTests();
    handle = await openTestDatabase(backend);
    server = await startTestServer();
    a = await seedWorkspace("A");
    b = await seedWorkspace("B");
    apiId = (await post(server.url, "/v2/apis.createApi", { name: "production" }, a.rootKey)).body.data.apiId;
    keyId = (await post(server.url, "/v2/keys.createKey", { apiId, externalId: "user_1" }, a.rootKey)).body.data.keyId;
    await post(server.url, "/v2/keys.updateKey", { keyId, name: "renamed" }, a.rootKey);
    await post(server.url, "/v2/keys.deleteKey", { keyId }, a.rootKey);
    await post(server.url, "/v2/apis.createApi", { name: "theirs" }, b.rootKey);
  });
  afterAll(async () => {
    await server.close();
    await handle.close();
    delete process.env.KEYPORT_OPERATOR_TOKEN;
    resetEnvForTests();
  });

  it("lists the workspace's own events newest first, who did what to which resource", async () => {
    const events = await all();
    expect(events.map((e) => e.event)).toEqual(["key.delete", "key.update", "key.create", "api.create", "workspace.create"]);
    expect(events.every((e) => /^aud_\d+$/.test(e.id))).toBe(true);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    const times = events.map((e) => e.time);
    expect([...times].sort((x, y) => y - x)).toEqual(times);
    expect(events[0]).toMatchObject({ actor: { type: "root_key", id: a.keyId }, resourceId: keyId, meta: { permanent: false } });
    expect(events.at(-1)).toMatchObject({ actor: { type: "operator", id: "test" }, resourceId: a.workspaceId });
  });

  it("never shows another workspace's events", async () => {
    const theirs = await list({}, b.rootKey);
    expect(theirs.body.data.map((e: Event) => e.event)).toEqual(["api.create", "workspace.create"]);
    expect(JSON.stringify(theirs.body)).not.toContain(keyId);
  });

  it("filters by action, actor, resource and time window", async () => {
    expect((await all({ events: ["key.update", "key.delete"] })).map((e) => e.event)).toEqual(["key.delete", "key.update"]);
    expect((await all({ resourceId: keyId })).map((e) => e.event)).toEqual(["key.delete", "key.update", "key.create"]);
    expect((await all({ actorType: "operator" })).map((e) => e.event)).toEqual(["workspace.create"]);
    expect((await all({ actorId: a.keyId })).map((e) => e.event)).toEqual(["key.delete", "key.update", "key.create", "api.create"]);
    const [newest] = await all();
    expect(await all({ since: (newest?.time ?? 0) + 1 })).toEqual([]);
    expect((await all({ until: newest?.time ?? 0 })).map((e) => e.event)).not.toContain("key.delete");
  });

  it("names the request that made each change: its X-Request-Id, beside meta, never inside it", async () => {
    const update = await post(server.url, "/v2/apis.createApi", { name: "traced" }, b.rootKey);
    const requestId = update.headers.get("x-request-id");
    expect(requestId).toMatch(/^req_/);
    const [newest] = (await list({}, b.rootKey)).body.data as Event[];
    expect(newest).toMatchObject({ event: "api.create", resourceId: update.body.data.apiId, requestId });
    expect(newest?.meta).toBeUndefined();
    const [deleted] = await all({ events: ["key.delete"] });
    expect(deleted).toMatchObject({ requestId: expect.stringMatching(/^req_/), meta: { permanent: false } });
    expect(deleted?.meta).not.toHaveProperty("requestId");
    // Written by a verb called outside any request (the fixture's createWorkspace): no request id.
    expect((await all({ events: ["workspace.create"] }))[0]).not.toHaveProperty("requestId");
  });

  it("refuses a root key without audit.*.read_audit_log, a forged cursor and an unknown action, changing nothing", async () => {
    const narrow = await seedRootKey(a.workspaceId, ["api.*.read_api"]);
    expectError(await list({}, narrow.rootKey), 403, "unkey/authorization/insufficient_permissions");
    expectError(await list({ cursor: "bm90LWEtY3Vyc29y" }), 400, "unkey/application/invalid_input");
    // Well-formed, but its id is not an event's sequence number: 400, not a query with NaN.
    expectError(await list({ cursor: Buffer.from(JSON.stringify([Date.now(), "abc"])).toString("base64url") }), 400, "unkey/application/invalid_input");
    expectError(await list({ events: ["key.explode"] }), 400, "unkey/application/invalid_input");
    const granted = await seedRootKey(a.workspaceId, ["audit.*.read_audit_log"]);
    expect((await list({}, granted.rootKey)).body.data).toHaveLength(5);
  });

  it("the operator reads the same log for any workspace, and gets 404 for an unknown one", async () => {
    const byOperator = await post(server.url, "/operator/v1/audit.list", { workspaceId: a.workspaceId, limit: 100 }, OPERATOR);
    expect(byOperator.status, byOperator.text).toBe(200);
    expect(byOperator.body.data).toEqual(await all());
    expectError(await post(server.url, "/operator/v1/audit.list", { workspaceId: "ws_nope" }, OPERATOR), 404, "keyport/data/workspace_not_found");
  });
});
