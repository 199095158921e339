import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keys } from "@/db/schema";
import { expectError, type Harness, openHarness, ORIGIN, seedTenant, type Tenant } from "@/lib/testing/harness";
import { post } from "@/lib/testing/fixtures";
import { BACKENDS } from "@/lib/testing/test-db";

/**
 * Attack suite — the `X-Keyport-Portal` header picks a session out of the sealed cookie. Names of
 * Object.prototype members must not reach into the prototype (a 500 before); anything but a portal
 * id is a clear 400, and nothing changes.
 */
describe.each(BACKENDS)("attack: X-Keyport-Portal on %s", (backend) => {
  let h: Harness;
  let t: Tenant;
  let cookie: string;

  beforeAll(async () => {
    h = await openHarness(backend);
    t = await seedTenant(h.url, "Acme");
    cookie = (await h.session(t, "user_1")).cookie;
  });
  afterAll(() => h.close());

  const HOSTILE = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "__defineGetter__", "pc_", "pc_bad-id", "PC_abc", " ", `pc_${"a".repeat(65)}`];

  it.each(HOSTILE)("header %j with a valid cookie → 400 invalid_input on header.X-Keyport-Portal", async (header) => {
    const res = await post(h.url, "/v2/portal.getSession", {}, undefined, { Cookie: cookie, "X-Keyport-Portal": header });
    expectError(res, 400, "unkey/application/invalid_input");
    expect(res.body.error.errors).toEqual([expect.objectContaining({ location: "header.X-Keyport-Portal" })]);
  });

  it("on a write route: 400, and no key is created", async () => {
    const before = (await h.db.db.select({ n: count() }).from(keys).where(eq(keys.workspaceId, t.workspaceId)))[0]?.n;
    for (const header of ["__proto__", "constructor"]) {
      const res = await post(h.url, "/v2/portal.createKey", { name: "x" }, undefined, { Cookie: cookie, "X-Keyport-Portal": header, Origin: ORIGIN });
      expectError(res, 400, "unkey/application/invalid_input");
    }
    expect((await h.db.db.select({ n: count() }).from(keys).where(eq(keys.workspaceId, t.workspaceId)))[0]?.n).toBe(before);
  });

  it("a well-formed id the cookie holds no session for is still 401 portal_token_missing; the right one works", async () => {
    expectError(await post(h.url, "/v2/portal.getSession", {}, undefined, { Cookie: cookie, "X-Keyport-Portal": "pc_nosuchportal" }), 401, "unkey/authentication/portal_token_missing");
    const ok = await post(h.url, "/v2/portal.getSession", {}, undefined, { Cookie: cookie, "X-Keyport-Portal": t.portalId });
    expect(ok.status, ok.text).toBe(200);
  });
});
