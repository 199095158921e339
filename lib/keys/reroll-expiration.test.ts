import { Unkey } from "@unkey/api";
import { beforeAll, describe, expect, it } from "vitest";
import { now } from "@/lib/clock";
import { openSession, seedPortal } from "@/lib/testing/portal-fixtures";
import { BACKENDS } from "@/lib/testing/test-db";
import { useTestApp } from "@/lib/testing/test-app";
import { post, seedWorkspace } from "@/lib/testing/fixtures";

const TYPE = "http://localhost:3000/docs/errors/";
const DAY = 86_400_000;
/** The maximum of keys.rerollKey's `expiration` in Unkey's OpenAPI document. */
const DOCUMENT_MAX = 4_102_444_800_000;

/** keys.rerollKey accepts a grace up to the wire document's maximum; portal.rerollKey keeps its 24 h cap (docs/api.md "keys.rerollKey"). */
describe.each(BACKENDS)("reroll expiration limits on %s", (backend) => {
  const app = useTestApp(backend);
  let unkey: Unkey;
  let rootKey: string;
  let workspaceId: string;
  let apiId: string;

  beforeAll(async () => {
    const ws = await seedWorkspace();
    rootKey = ws.rootKey;
    workspaceId = ws.workspaceId;
    unkey = new Unkey({ rootKey, serverURL: app.url });
    apiId = (await unkey.apis.createApi({ name: "expiration" })).data.apiId;
  });

  it("keys.rerollKey {expiration: 30 days} (the document's own example) is accepted; the old key lives 30 days", async () => {
    const created = (await unkey.keys.createKey({ apiId })).data;
    const before = now();
    const rolled = (await unkey.keys.rerollKey({ keyId: created.keyId, expiration: 30 * DAY })).data;
    expect(rolled.keyId).not.toBe(created.keyId);
    const after = now();
    const old = (await unkey.keys.verifyKey({ key: created.key })).data;
    expect(old.code).toBe("VALID");
    // Exactly 30 days from the roll, which is when its successor was created; the roll itself happened
    // during the request (real time runs on under the offset clock).
    const successor = (await unkey.keys.getKey({ keyId: rolled.keyId })).data;
    expect(old.expires).toBe(successor.createdAt + 30 * DAY);
    expect(successor.createdAt).toBeGreaterThanOrEqual(before);
    expect(successor.createdAt).toBeLessThanOrEqual(after);
  });

  it("keys.rerollKey accepts the document's maximum and refuses one more with 400 invalid_input", async () => {
    const a = (await unkey.keys.createKey({ apiId })).data;
    expect((await post(app.url, "/v2/keys.rerollKey", { keyId: a.keyId, expiration: DOCUMENT_MAX }, rootKey)).status).toBe(200);
    const b = (await unkey.keys.createKey({ apiId })).data;
    const over = await post(app.url, "/v2/keys.rerollKey", { keyId: b.keyId, expiration: DOCUMENT_MAX + 1 }, rootKey);
    expect(over.status).toBe(400);
    expect(over.body.error.type).toBe(`${TYPE}unkey/application/invalid_input`);
    expect(over.body.error.errors[0].location).toBe("body.expiration");
    // Refused means unchanged: the key was not rolled.
    expect((await post(app.url, "/v2/keys.rerollKey", { keyId: b.keyId, expiration: 0 }, rootKey)).status).toBe(200);
  });

  it("portal.rerollKey keeps its own 24 h cap", async () => {
    await seedPortal(workspaceId, { slug: "exp-portal", apiIds: [apiId] });
    const s = await openSession(app.url, rootKey, { slug: "exp-portal", externalId: "user_exp", permissions: ["api.*.create_key", "api.*.reroll_key"] });
    const created = await post(app.url, "/v2/portal.createKey", {}, s.token);
    const over = await post(app.url, "/v2/portal.rerollKey", { keyId: created.body.data.keyId, expiration: 30 * DAY }, s.token);
    expect(over.status).toBe(400);
    expect(over.body.error.type).toBe(`${TYPE}unkey/application/invalid_input`);
    expect(over.body.error.detail).toContain("86400000");
    expect((await post(app.url, "/v2/portal.rerollKey", { keyId: created.body.data.keyId, expiration: DAY }, s.token)).status).toBe(200);
  });
});
