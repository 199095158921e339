import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { portalExchangeFailures, portalSessions } from "@/db/schema";
import { codeOf, cookiePair, seedPortal } from "@/lib/testing/portal-fixtures";
import { expectError, type Harness, ORIGIN, openHarness, seedTenant, type Tenant } from "@/lib/testing/harness";
import { post } from "@/lib/testing/fixtures";
import { BACKENDS } from "@/lib/testing/test-db";

/**
 * Attack suite — login CSRF through a portal link (docs/security.md "Switching accounts"): eve mints a
 * link for her own account and gets alice, signed in to the same portal, to open it. The exchange must
 * not switch alice's browser to eve without alice's click, must leave the code redeemable until then,
 * and must tell a foreign page nothing.
 */
describe.each(BACKENDS)("attack: login CSRF through a portal link on %s", (backend) => {
  let h: Harness;
  let t: Tenant;

  const mint = async (externalId: string, slug = t.slug) => {
    const res = await post(h.url, "/v2/portal.createSession", { slug, externalId, permissions: ["api.*.read_key", "api.*.create_key"] }, t.rootKey);
    if (res.status !== 200) throw new Error(res.text);
    return { id: (res.body.data.sessionId ?? res.body.data.id) as string, code: codeOf(res.body.data.url) };
  };
  const exchange = (body: Record<string, unknown>, headers: Record<string, string>) => post(h.url, "/v2/portal.exchangeCode", body, undefined, headers);
  const whoAmI = async (cookie: string) => (await post(h.url, "/v2/portal.getSession", {}, undefined, { Cookie: cookie })).body?.data?.externalId;
  const row = async (id: string) => (await h.db.db.select().from(portalSessions).where(eq(portalSessions.id, id)))[0];
  const failures = async () => (await h.db.db.select().from(portalExchangeFailures)).reduce((n, r) => n + r.failures, 0);
  const sameOrigin = { Origin: ORIGIN, "Sec-Fetch-Site": "same-origin" };

  beforeAll(async () => {
    h = await openHarness(backend);
    t = await seedTenant(h.url, "Acme");
  });
  afterAll(() => h.close());

  it("the portal's own page gets 409 naming both accounts; nothing is redeemed, nothing counted as a failure; alice stays signed in", async () => {
    const alice = await h.session(t, "alice");
    const eve = await mint("eve");
    const before = await failures();
    const res = await exchange({ code: eve.code }, { Cookie: alice.cookie, ...sameOrigin });
    expectError(res, 409, "keyport/authentication/session_switch_unconfirmed");
    expect(res.body.error.context).toEqual({ signedInAs: "alice", linkFor: "eve" });
    expect(res.headers.getSetCookie()).toEqual([]);
    const r = await row(eve.id);
    expect(r?.exchangedAt).toBeNull();
    expect(r?.tokenHash).toBeNull();
    expect(await failures()).toBe(before);
    expect(await whoAmI(alice.cookie)).toBe("alice");
    // The older docs form of the exchange is guarded the same way.
    expectError(await post(h.url, "/v2/portal.exchangeSession", { sessionId: eve.code }, undefined, { Cookie: alice.cookie, ...sameOrigin }), 409, "keyport/authentication/session_switch_unconfirmed");
    expect((await row(eve.id))?.exchangedAt).toBeNull();
  });

  it("after the user's click (confirmSwitch: true from the portal's origin) the same code redeems and the browser is eve's", async () => {
    const alice = await h.session(t, "alice");
    const eve = await mint("eve");
    expectError(await exchange({ code: eve.code }, { Cookie: alice.cookie, ...sameOrigin }), 409, "keyport/authentication/session_switch_unconfirmed");
    const res = await exchange({ code: eve.code, confirmSwitch: true }, { Cookie: alice.cookie, Origin: ORIGIN });
    expect(res.status, res.text).toBe(200);
    expect((await row(eve.id))?.exchangedAt).not.toBeNull();
    expect(await whoAmI(cookiePair(res.headers))).toBe("eve");
  });

  it.each([
    ["a cross-site Origin", { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" }],
    ["a sibling subdomain", { Origin: "http://evil.localhost:3000", "Sec-Fetch-Site": "same-site" }],
    ["Origin: null", { Origin: "null" }],
    ["Sec-Fetch-Site: cross-site only", { "Sec-Fetch-Site": "cross-site" }],
    ["no same-origin signal at all", {}],
  ])("a foreign page (%s) gets 403 with no names, with or without confirmSwitch; the code stays redeemable", async (_name, headers: Record<string, string>) => {
    const alice = await h.session(t, "alice-private-id");
    const eve = await mint("eve-attacker");
    for (const body of [{ code: eve.code }, { code: eve.code, confirmSwitch: true }]) {
      const res = await exchange(body, { Cookie: alice.cookie, ...headers });
      expectError(res, 403, "unkey/authorization/forbidden");
      expect(res.text).not.toContain("alice-private-id");
      expect(res.text).not.toContain("eve-attacker");
      expect(res.body.error).not.toHaveProperty("context");
      expect(res.headers.getSetCookie()).toEqual([]);
    }
    expect((await row(eve.id))?.exchangedAt).toBeNull();
    expect(await whoAmI(alice.cookie)).toBe("alice-private-id");
    // The owner of the code can still use it.
    expect((await exchange({ code: eve.code }, {})).status).toBe(200);
  });

  it("no prompt when nothing would switch: the same end user, an ended session, another portal's session, no cookie", async () => {
    const alice = await h.session(t, "alice");
    const again = await exchange({ code: (await mint("alice")).code }, { Cookie: alice.cookie });
    expect(again.status, again.text).toBe(200);

    const ended = await h.session(t, "alice");
    await post(h.url, "/v2/portal.revokeSession", { sessionId: ended.sessionId }, t.rootKey);
    const afterEnd = await exchange({ code: (await mint("eve")).code }, { Cookie: ended.cookie });
    expect(afterEnd.status, afterEnd.text).toBe(200);
    expect(await whoAmI(cookiePair(afterEnd.headers))).toBe("eve");

    await seedPortal(t.workspaceId, { slug: "second-portal", apiIds: [t.apiId] });
    const elsewhere = await h.session(t, "alice", undefined, "second-portal");
    const otherPortal = await exchange({ code: (await mint("eve")).code }, { Cookie: elsewhere.cookie });
    expect(otherPortal.status, otherPortal.text).toBe(200);

    // The SDK (bare token in the cookie) and backends (no cookie) exchange as before.
    expect((await exchange({ code: (await mint("eve")).code }, { Cookie: `portal_session=${alice.token}` })).status).toBe(200);
    expect((await exchange({ code: (await mint("eve")).code }, {})).status).toBe(200);
  });

  it("a bad confirmSwitch is 400 invalid_input and redeems nothing", async () => {
    const eve = await mint("eve");
    expectError(await exchange({ code: eve.code, confirmSwitch: "yes" }, {}), 400, "unkey/application/invalid_input");
    expect((await row(eve.id))?.exchangedAt).toBeNull();
  });
});
