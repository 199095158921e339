import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keys } from "@/db/schema";
import { seedPortal } from "@/lib/testing/portal-fixtures";
import { expectError, type Harness, openHarness, seedTenant, type Tenant } from "@/lib/testing/harness";
import { post } from "@/lib/testing/fixtures";
import { BACKENDS } from "@/lib/testing/test-db";

const KEY_404 = "unkey/data/key_not_found";

/**
 * Attack suite — insecure direct object references: ids of another end user, another portal's
 * API or another workspace answer 404 (never 403, nothing leaks) and nothing about them changes.
 */
describe.each(BACKENDS)("attack: IDOR on %s", (backend) => {
  let h: Harness;
  let acme: Tenant;
  let globex: Tenant;
  let victimKey: { keyId: string; key: string };
  let foreignKey: { keyId: string; key: string };
  let attacker: { token: string };
  // lastUsedAt moves when verifications are flushed in the background; everything else must not.
  const keyRow = async (id: string) => {
    const row = (await h.db.db.select().from(keys).where(eq(keys.id, id)))[0];
    return row && { ...row, lastUsedAt: undefined };
  };

  beforeAll(async () => {
    h = await openHarness(backend);
    acme = await seedTenant(h.url, "Acme");
    globex = await seedTenant(h.url, "Globex", "globex-portal");
    victimKey = await h.keyFor(acme, "victim", "victim's key");
    foreignKey = await h.keyFor(globex, "victim", "globex key");
    attacker = await h.session(acme, "attacker");
  });
  afterAll(() => h.close());

  /** Asserts 404 key_not_found for every id and that neither key's row changed. */
  async function untouched(attempt: (keyId: string) => Promise<Awaited<ReturnType<typeof post>>>) {
    for (const k of [victimKey, foreignKey]) {
      const before = await keyRow(k.keyId);
      const res = await attempt(k.keyId);
      expectError(res, 404, KEY_404);
      expect(res.text).not.toContain("victim");
      expect(await keyRow(k.keyId)).toEqual(before);
    }
  }

  it("portal.deleteKey of another end user's or another workspace's key → 404, key still verifies", async () => {
    await untouched((keyId) => post(h.url, "/v2/portal.deleteKey", { keyId }, attacker.token));
    expect((await h.verify(acme, victimKey.key)).valid).toBe(true);
    expect((await h.verify(globex, foreignKey.key)).valid).toBe(true);
  });

  it("portal.rerollKey of someone else's key → 404, no new key minted", async () => {
    const count = async () => (await h.db.db.select().from(keys)).length;
    const before = await count();
    await untouched((keyId) => post(h.url, "/v2/portal.rerollKey", { keyId, expiration: 0 }, attacker.token));
    expect(await count()).toBe(before);
  });

  it("portal.updateKey of someone else's key → 404, name unchanged", async () => {
    await untouched((keyId) => post(h.url, "/v2/portal.updateKey", { keyId, name: "owned" }, attacker.token));
  });

  it("portal.getVerifications for someone else's key → 404", async () => {
    const at = Date.now();
    await untouched((keyId) => post(h.url, "/v2/portal.getVerifications", { keyId, startTime: at - 3_600_000, endTime: at }, attacker.token));
  });

  it("portal.listKeys never shows another end user's keys, whatever the body says", async () => {
    const res = await post(h.url, "/v2/portal.listKeys", {}, attacker.token);
    expect(res.status, res.text).toBe(200);
    expect(res.body.data).toEqual([]);
    expectError(await post(h.url, "/v2/portal.listKeys", { externalId: "victim" }, attacker.token), 400, "unkey/application/invalid_input");
  });

  it("the same externalId in another workspace's portal sees only its own workspace's keys", async () => {
    const s = await h.session(globex, "victim");
    const res = await post(h.url, "/v2/portal.listKeys", {}, s.token);
    expect(res.body.data.map((k: { keyId: string }) => k.keyId)).toEqual([foreignKey.keyId]);
    await (async () => {
      const before = await keyRow(victimKey.keyId);
      expectError(await post(h.url, "/v2/portal.deleteKey", { keyId: victimKey.keyId }, s.token), 404, KEY_404);
      expect(await keyRow(victimKey.keyId)).toEqual(before);
    })();
  });

  it("a key of the same end user on an API outside this portal → 404", async () => {
    const other = (await post(h.url, "/v2/apis.createApi", { name: "internal" }, acme.rootKey)).body.data.apiId as string;
    await seedPortal(acme.workspaceId, { slug: "internal-portal", apiIds: [other] });
    const hidden = (await post(h.url, "/v2/keys.createKey", { apiId: other, externalId: "attacker", name: "internal" }, acme.rootKey)).body.data;
    const before = await keyRow(hidden.keyId);
    expectError(await post(h.url, "/v2/portal.deleteKey", { keyId: hidden.keyId }, attacker.token), 404, KEY_404);
    expectError(await post(h.url, "/v2/portal.rerollKey", { keyId: hidden.keyId, expiration: 0 }, attacker.token), 404, KEY_404);
    expect(await keyRow(hidden.keyId)).toEqual(before);
  });

  it.each([
    ["keys.getKey", (keyId: string) => ({ keyId })],
    ["keys.deleteKey", (keyId: string) => ({ keyId })],
    ["keys.updateKey", (keyId: string) => ({ keyId, name: "owned" })],
    ["keys.rerollKey", (keyId: string) => ({ keyId, expiration: 0 })],
    ["keys.updateCredits", (keyId: string) => ({ keyId, operation: "set", value: 1 })],
  ])("%s with another workspace's keyId → 404, unchanged", async (path, body) => {
    const before = await keyRow(foreignKey.keyId);
    const res = await post(h.url, `/v2/${path}`, body(foreignKey.keyId), acme.rootKey);
    expectError(res, 404, KEY_404);
    expect(res.text).not.toContain("globex");
    expect(await keyRow(foreignKey.keyId)).toEqual(before);
  });

  it("keys.verifyKey of another workspace's key → 200 NOT_FOUND, and it records nothing for the owner", async () => {
    const res = await post(h.url, "/v2/keys.verifyKey", { key: foreignKey.key }, acme.rootKey);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ valid: false, code: "NOT_FOUND" });
    expect(res.body.data).not.toHaveProperty("keyId");
  });

  it("identities and APIs of another workspace → 404", async () => {
    expectError(await post(h.url, "/v2/identities.getIdentity", { identity: "victim" }, globex.rootKey.replace(/.$/, "")), 401, "unkey/authentication/key_not_found");
    const ident = (await post(h.url, "/v2/identities.getIdentity", { identity: "victim" }, acme.rootKey)).body.data;
    expectError(await post(h.url, "/v2/identities.getIdentity", { identity: ident.id }, globex.rootKey), 404, "unkey/data/identity_not_found");
    expectError(await post(h.url, "/v2/identities.deleteIdentity", { identity: ident.id }, globex.rootKey), 404, "unkey/data/identity_not_found");
    expectError(await post(h.url, "/v2/apis.listKeys", { apiId: acme.apiId }, globex.rootKey), 404, "unkey/data/api_not_found");
    expectError(await post(h.url, "/v2/apis.deleteApi", { apiId: acme.apiId }, globex.rootKey), 404, "unkey/data/api_not_found");
    expect((await h.verify(acme, victimKey.key)).valid).toBe(true);
  });

  it("portal sessions of another workspace: listSessions shows none, revokeSession revokes none", async () => {
    const s = await h.session(acme, "victim");
    expect((await post(h.url, "/v2/portal.listSessions", { externalId: "victim" }, globex.rootKey)).body.data.map((x: { id: string }) => x.id)).not.toContain(s.sessionId);
    expect((await post(h.url, "/v2/portal.revokeSession", { sessionId: s.sessionId }, globex.rootKey)).body.data).toEqual({ revoked: 0 });
    expect((await post(h.url, "/v2/portal.getSession", {}, s.token)).status).toBe(200);
    expectError(await post(h.url, "/v2/portal.createSession", { portal: acme.portalId, externalId: "x", scopes: ["keys:read"] }, globex.rootKey), 404, "unkey/data/portal_config_not_found");
  });
});
