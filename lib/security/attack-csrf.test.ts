import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keys, portalSessions } from "@/db/schema";
import { codeOf } from "@/lib/testing/portal-fixtures";
import { expectError, type Harness, openHarness, seedTenant, type Tenant } from "@/lib/testing/harness";
import { post } from "@/lib/testing/fixtures";
import { flushVerificationEvents } from "@/lib/verification/record-event";
import { BACKENDS } from "@/lib/testing/test-db";

/**
 * Attack suite — CSRF against the sealed browser cookie (docs/sessions.md "The browser session"): a
 * cross-site page can make the browser send the cookie, never a custom header or a JSON body.
 */
describe.each(BACKENDS)("attack: CSRF on %s", (backend) => {
  let h: Harness;
  let t: Tenant;
  const keyRow = async (id: string) => (await h.db.db.select().from(keys).where(eq(keys.id, id)))[0];

  /** What a hostile page's <form method=post enctype=text/plain> sends. */
  const formPost = (path: string, cookie: string, body: string, contentType = "text/plain", headers: Record<string, string> = { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" }) =>
    fetch(`${h.url}${path}`, { method: "POST", headers: { "Content-Type": contentType, Cookie: cookie, ...headers }, body }).then(async (r) => {
      const text = await r.text();
      return { status: r.status, headers: r.headers, text, body: JSON.parse(text) };
    });

  beforeAll(async () => {
    h = await openHarness(backend);
    t = await seedTenant(h.url, "Acme");
  });
  afterAll(() => h.close());

  it("cross-site form post (text/plain) to portal.deleteKey with the cookie → 403 forbidden (the origin check runs before the body is read); the key lives", async () => {
    const { keyId, key } = await h.keyFor(t, "victim");
    const s = await h.session(t, "victim");
    // A text/plain form can smuggle a JSON-looking body: {"keyId":"…","x":"=…"}
    const res = await formPost("/v2/portal.deleteKey", s.cookie, `{"keyId":"${keyId}","x":"=1"}`);
    expectError(res, 403, "unkey/authorization/forbidden");
    expect((await keyRow(keyId))?.deletedAt).toBeNull();
    expect((await h.verify(t, key)).valid).toBe(true);
  });

  it("a same-origin-looking text/plain post is still refused by content type → 415, nothing changes", async () => {
    const { keyId } = await h.keyFor(t, "victim");
    const s = await h.session(t, "victim");
    const res = await formPost("/v2/portal.updateKey", s.cookie, `{"keyId":"${keyId}","name":"pwned"}`, "text/plain", { "Sec-Fetch-Site": "same-origin" });
    expectError(res, 415, "user/bad_request/unsupported_content_type");
    expect((await keyRow(keyId))?.name).toBe("prod");
    const form = await formPost("/v2/portal.updateKey", s.cookie, `keyId=${keyId}&name=pwned`, "application/x-www-form-urlencoded", { "Sec-Fetch-Site": "same-origin" });
    expectError(form, 415, "user/bad_request/unsupported_content_type");
    expect((await keyRow(keyId))?.name).toBe("prod");
  });

  it("login CSRF: a cross-site form cannot redeem an attacker's code in the victim's browser → 415, code still pending", async () => {
    const created = await post(h.url, "/v2/portal.createSession", { slug: t.slug, externalId: "attacker", permissions: ["api.*.read_key"] }, t.rootKey);
    const code = codeOf(created.body.data.url);
    expectError(await formPost("/v2/portal.exchangeCode", "", `{"code":"${code}"}`), 415, "user/bad_request/unsupported_content_type");
    const [row] = await h.db.db.select().from(portalSessions).where(eq(portalSessions.id, created.body.data.sessionId));
    expect(row?.exchangedAt).toBeNull();
  });

  it.each([
    ["portal.deleteKey", (keyId: string) => ({ keyId })],
    ["portal.updateKey", (keyId: string) => ({ keyId, name: "pwned" })],
    ["portal.rerollKey", (keyId: string) => ({ keyId, expiration: 0 })],
    ["portal.createKey", () => ({ name: "attacker's" })],
    ["portal.logout", () => ({})],
  ])("%s with the sealed cookie and no Origin / Sec-Fetch-Site → 403 forbidden, nothing changes", async (path, body) => {
    const { keyId } = await h.keyFor(t, "victim_n");
    const s = await h.session(t, "victim_n");
    // Land earlier tests' buffered verifications (they move lastUsedAt) before the snapshot.
    await flushVerificationEvents();
    const before = await h.db.db.select().from(keys).where(eq(keys.workspaceId, t.workspaceId));
    expectError(await post(h.url, `/v2/${path}`, body(keyId), undefined, { Cookie: s.cookie }), 403, "unkey/authorization/forbidden");
    expect(await h.db.db.select().from(keys).where(eq(keys.workspaceId, t.workspaceId))).toEqual(before);
    expect((await post(h.url, "/v2/portal.getSession", {}, s.token)).status).toBe(200);
  });

  it("Origin of a sibling subdomain or another port → 403 (same-site is not same-origin)", async () => {
    const { keyId } = await h.keyFor(t, "victim_s");
    const s = await h.session(t, "victim_s");
    for (const origin of ["http://evil.localhost:3000", "http://localhost:3001", "https://localhost:3000", "http://localhost:3000.evil.example"]) {
      expectError(await post(h.url, "/v2/portal.deleteKey", { keyId }, undefined, { Cookie: s.cookie, Origin: origin }), 403, "unkey/authorization/forbidden");
    }
    expect((await keyRow(keyId))?.deletedAt).toBeNull();
  });

  it.each([["GET"], ["PUT"], ["DELETE"], ["PATCH"]])("state change by %s → 405, nothing changes", async (method) => {
    const { keyId, key } = await h.keyFor(t, "victim_g");
    const s = await h.session(t, "victim_g");
    for (const path of ["/v2/portal.deleteKey", "/v2/keys.deleteKey", "/v2/portal.logout"]) {
      const res = await fetch(`${h.url}${path}?keyId=${keyId}`, { method, headers: { Cookie: s.cookie, Authorization: `Bearer ${t.rootKey}` } });
      expect(res.status, `${method} ${path}`).toBe(405);
      await res.arrayBuffer();
    }
    expect((await keyRow(keyId))?.deletedAt).toBeNull();
    expect((await h.verify(t, key)).valid).toBe(true);
    expect((await post(h.url, "/v2/portal.getSession", {}, s.token)).status).toBe(200);
  });
});
