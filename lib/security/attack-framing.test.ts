import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { portalConfigs } from "@/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { contentSecurityPolicy } from "@/lib/http/security-headers";
import { updatePortal } from "@/lib/portal-configs/update-portal";
import { post } from "@/lib/testing/fixtures";
import { ALL_PORTAL_PERMISSIONS, expectError, type Harness, openHarness, ORIGIN, seedTenant, type Tenant } from "@/lib/testing/harness";
import { codeOf } from "@/lib/testing/portal-fixtures";
import { BACKENDS } from "@/lib/testing/test-db";

/**
 * Attack suite — framing (docs/embedding.md, docs/security.md "Embedding and the session cookie"):
 * a portal's pages and landing may be framed only by its own embed origins, decided per portal at
 * run time by the edge function bin/server.mjs and the test server share; the partitioned cookie of
 * an embeddable portal keeps the CSRF rule and never mixes with the first-party one.
 */
describe.each(BACKENDS)("attack: framing and the embed cookie on %s", (backend) => {
  let h: Harness;
  let plain: Tenant;
  let framed: Tenant;
  const ORIGINS = ["https://app.example.com", "http://localhost:5173"];

  beforeAll(async () => {
    h = await openHarness(backend);
    plain = await seedTenant(h.url, "Plain", "plain-portal");
    framed = await seedTenant(h.url, "Framed", "framed-portal", { embedOrigins: ORIGINS });
  });
  afterAll(() => h.close());

  const landing = (portalId: string) => fetch(`${h.url}/portal/${portalId}`).then(async (r) => ({ status: r.status, headers: r.headers, text: await r.text() }));
  const frameAncestorsOf = (headers: Headers) => /frame-ancestors ([^;]*)/.exec(headers.get("content-security-policy") ?? "")?.[1];

  /** `name=value` of one Set-Cookie, for the next request's Cookie header. */
  const pair = (sets: string[], name = "portal_session") => {
    const set = sets.find((c) => c.startsWith(`${name}=`));
    if (!set) throw new Error(`no ${name} cookie in ${sets.join(" | ")}`);
    return set.split(";")[0] as string;
  };

  /** createSession + exchangeCode as the landing page does it; the Set-Cookie headers of the exchange. */
  async function signIn(t: Tenant, externalId: string, cookie = "") {
    const created = await post(h.url, "/v2/portal.createSession", { slug: t.slug, externalId, permissions: ALL_PORTAL_PERMISSIONS }, t.rootKey);
    expect(created.status, created.text).toBe(200);
    const exchanged = await post(h.url, "/v2/portal.exchangeCode", { code: codeOf(created.body.data.url) }, undefined, cookie ? { Cookie: cookie, Origin: ORIGIN } : {});
    expect(exchanged.status, exchanged.text).toBe(200);
    return exchanged.headers.getSetCookie();
  }

  it("a portal without embed origins refuses every frame: frame-ancestors 'none' and X-Frame-Options: DENY", async () => {
    // An unknown portal's link answers 404 with its explanatory page: refused framing just the same.
    for (const [portalId, status] of [[plain.portalId, 200], ["pc_doesnotexist", 404]] as const) {
      const res = await landing(portalId);
      expect(res.status).toBe(status);
      expect(res.headers.get("content-security-policy")).toBe(contentSecurityPolicy());
      expect(res.headers.get("x-frame-options")).toBe("DENY");
    }
  });

  it("a portal with embed origins may be framed by exactly those and itself, without X-Frame-Options; the rest of the policy is unchanged", async () => {
    const res = await landing(framed.portalId);
    expect(res.headers.get("content-security-policy")).toBe(contentSecurityPolicy({ frameAncestors: "'self' https://app.example.com http://localhost:5173" }));
    expect(res.headers.get("x-frame-options")).toBeNull();
    expect(res.headers.get("cache-control")).toBe("no-store, max-age=0");
  });

  it("an operator's change applies to this process's next response; a change by another process within a second", async () => {
    const other = await seedTenant(h.url, "Changing", "changing-portal");
    expect(frameAncestorsOf((await landing(other.portalId)).headers)).toBe("'none'");
    await updatePortal({ db: h.db.db, input: { workspaceId: other.workspaceId, portal: other.portalId, embedOrigins: ["https://shop.example.com"] }, actor: { type: "operator", id: "test" } });
    expect(frameAncestorsOf((await landing(other.portalId)).headers)).toBe("'self' https://shop.example.com");

    // Another process writes the row directly: this one's cache answers for at most a second more.
    await h.db.db.update(portalConfigs).set({ embedOrigins: [] }).where(eq(portalConfigs.id, other.portalId));
    await new Promise((r) => setTimeout(r, 1100));
    const after = await landing(other.portalId);
    expect(frameAncestorsOf(after.headers)).toBe("'none'");
    expect(after.headers.get("x-frame-options")).toBe("DENY");
  });

  it("an embeddable portal's session cookie is partitioned (Secure; SameSite=None; Partitioned), under its own name", async () => {
    const cookies = await signIn(framed, "user_1");
    expect(cookies).toHaveLength(1);
    const [set] = cookies;
    expect(set).toMatch(/^portal_session_embed=Fe26\.2\*/);
    for (const attribute of ["Path=/", "Max-Age=86400", "HttpOnly", "Secure", "SameSite=None", "Partitioned"]) expect(set).toContain(`; ${attribute}`);
    expect(set).not.toMatch(/Domain=/i);

    const own = await signIn(plain, "user_1");
    expect(own[0]).toMatch(/^portal_session=Fe26\.2\*.*; SameSite=Lax$/);
    expect(own[0]).not.toMatch(/Secure|Partitioned|SameSite=None/);
  });

  it("the partitioned cookie authenticates, and a write it carries still needs the portal's own origin", async () => {
    const cookie = pair(await signIn(framed, "user_2"), "portal_session_embed");
    const read = await post(h.url, "/v2/portal.getSession", {}, undefined, { Cookie: cookie });
    expect(read.status, read.text).toBe(200);
    expect(read.body.data.portalId).toBe(framed.portalId);
    // A page on the embedding origin (or anywhere else) cannot make the browser write with it.
    for (const origin of ["https://app.example.com", "http://localhost:5173", "https://evil.example"]) {
      expectError(await post(h.url, "/v2/portal.createKey", { name: "x" }, undefined, { Cookie: cookie, Origin: origin }), 403, "unkey/authorization/forbidden");
    }
    const created = await post(h.url, "/v2/portal.createKey", { name: "from the frame" }, undefined, { Cookie: cookie, Origin: ORIGIN });
    expect(created.status, created.text).toBe(200);
  });

  it("over plain http to another host (no Secure cookies), an embeddable portal keeps today's first-party cookie", async () => {
    process.env.PUBLIC_URL = "http://keys.internal:3000";
    resetEnvForTests();
    try {
      const [set] = await signIn(framed, "user_3");
      expect(set).toMatch(/^portal_session=.*; HttpOnly; SameSite=Lax$/);
    } finally {
      delete process.env.PUBLIC_URL;
      resetEnvForTests();
    }
  });

  it("one browser with both kinds: each cookie holds its own portals, and signing out of one leaves the other", async () => {
    const first = pair(await signIn(plain, "user_4"));
    const embed = pair(await signIn(framed, "user_4", first), "portal_session_embed");
    const both = `${first}; ${embed}`;
    for (const t of [plain, framed]) {
      const res = await post(h.url, "/v2/portal.getSession", {}, undefined, { Cookie: both, "X-Keyport-Portal": t.portalId });
      expect(res.body.data?.portalId, res.text).toBe(t.portalId);
    }
    const out = await post(h.url, "/v2/portal.logout", {}, undefined, { Cookie: both, Origin: ORIGIN, "X-Keyport-Portal": framed.portalId });
    expect(out.status, out.text).toBe(200);
    const sets = out.headers.getSetCookie();
    expect(sets).toHaveLength(1);
    expect(sets[0]).toMatch(/^portal_session_embed=; .*Max-Age=0/);
    const still = await post(h.url, "/v2/portal.getSession", {}, undefined, { Cookie: first });
    expect(still.body.data?.portalId, still.text).toBe(plain.portalId);
  });

  it("a portal that became embeddable moves its entry: the new link's token goes to the partitioned cookie and leaves the first-party one", async () => {
    const moving = await seedTenant(h.url, "Moving", "moving-portal");
    const first = pair(await signIn(moving, "user_5"));
    await updatePortal({ db: h.db.db, input: { workspaceId: moving.workspaceId, portal: moving.portalId, embedOrigins: ["https://app.example.com"] }, actor: { type: "operator", id: "test" } });
    const sets = await signIn(moving, "user_5", first);
    expect(sets.map((c) => c.split("=")[0]).sort()).toEqual(["portal_session", "portal_session_embed"]);
    expect(sets.find((c) => c.startsWith("portal_session="))).toMatch(/^portal_session=; .*Max-Age=0/);
    const embed = pair(sets, "portal_session_embed");
    expect((await post(h.url, "/v2/portal.getSession", {}, undefined, { Cookie: embed })).body.data?.portalId).toBe(moving.portalId);
  });
});
