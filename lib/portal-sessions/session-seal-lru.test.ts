import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { advanceClock } from "@/lib/clock";
import { codeOf, cookiePair, seedPortal } from "@/lib/testing/portal-fixtures";
import { expectError, type Harness, openHarness, seedTenant, type Tenant } from "@/lib/testing/harness";
import { post } from "@/lib/testing/fixtures";
import { BACKENDS } from "@/lib/testing/test-db";

/**
 * One browser, many portals (docs/api.md "How a backend opens the portal for a user"): the seal holds
 * at most 20 sessions, and a link to a 21st portal evicts the least recently used one instead of
 * growing a seal the reader refuses (which signed the browser out of every portal at once).
 */
describe.each(BACKENDS)("the browser seal past 20 portals on %s", (backend) => {
  let h: Harness;
  let t: Tenant;

  beforeAll(async () => {
    h = await openHarness(backend);
    t = await seedTenant(h.url, "Acme");
  });
  afterAll(() => h.close());

  /** Opens a link of a fresh portal in the browser whose cookie is `cookie`; returns the new cookie. */
  const openPortal = async (cookie: string, n: number, tag: string) => {
    const slug = `p-${tag}-${n}`;
    const portalId = await seedPortal(t.workspaceId, { slug, apiIds: [t.apiId] });
    const created = await post(h.url, "/v2/portal.createSession", { slug, externalId: `user-${n}`, permissions: ["api.*.read_key"] }, t.rootKey);
    const res = await post(h.url, "/v2/portal.exchangeCode", { code: codeOf(created.body.data.url) }, undefined, cookie ? { Cookie: cookie } : {});
    expect(res.status, res.text).toBe(200);
    advanceClock(1000);
    return { portalId, cookie: cookiePair(res.headers) };
  };
  const sessionIn = (cookie: string, portalId: string) => post(h.url, "/v2/portal.getSession", {}, undefined, { Cookie: cookie, "X-Keyport-Portal": portalId });

  it("the 21st link evicts the least recently used portal; the other 20 stay signed in", async () => {
    let cookie = "";
    const portals: string[] = [];
    for (let n = 1; n <= 20; n++) {
      const opened = await openPortal(cookie, n, "a");
      cookie = opened.cookie;
      portals.push(opened.portalId);
    }
    // Portal 1 is used again, so portal 2 is now the least recently used.
    expect((await sessionIn(cookie, portals[0] as string)).status).toBe(200);
    advanceClock(1000);
    const last = await openPortal(cookie, 21, "a");
    portals.push(last.portalId);

    for (const [i, portalId] of portals.entries()) {
      const res = await sessionIn(last.cookie, portalId);
      if (i === 1) expectError(res, 401, "unkey/authentication/portal_token_missing");
      else expect(res.status, `portal ${i + 1}: ${res.text}`).toBe(200);
    }
    // The seal the browser now holds is one every reader accepts: pages of the newest portal work.
    expect((await sessionIn(last.cookie, last.portalId)).body.data.externalId).toBe("user-21");
  });
});
