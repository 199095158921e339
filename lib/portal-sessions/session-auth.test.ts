import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { auditLog, portalConfigs, portalSessions } from "@/db/schema";
import { advanceClock, now, resetClock } from "@/lib/clock";
import { codeOf, openSession, seedApi, seedPortal } from "@/lib/testing/portal-fixtures";
import { expectError } from "@/lib/testing/expect-error";
import { post, seedRootKey, seedWorkspace } from "@/lib/testing/fixtures";
import { BACKENDS } from "@/lib/testing/test-db";
import { useTestApp } from "@/lib/testing/test-app";

const ORIGIN = "http://localhost:3000";
const HOUR = 3600_000;

describe.each(BACKENDS)("portal session authentication on %s", (backend) => {
  const app = useTestApp(backend);
  let rootKey: string;
  let workspaceId: string;
  let portalId: string;

  beforeAll(async () => {
    ({ rootKey, workspaceId } = await seedWorkspace());
    const api = await seedApi(workspaceId);
    portalId = await seedPortal(workspaceId, { slug: "my-portal", apiIds: [api], returnUrl: "https://acme.example/account" });
    await seedPortal(workspaceId, { slug: "sliding", apiIds: [api], sessionPolicy: "sliding" });
  });
  afterEach(() => resetClock());

  const open = (externalId = "user_123", slug = "my-portal", extra: Record<string, unknown> = {}) =>
    openSession(app.url, rootKey, { slug, externalId, permissions: ["api.*.read_key", "api.*.update_key"], ...extra });
  const getSession = (headers: Record<string, string>, token?: string) => post(app.url, "/v2/portal.getSession", {}, token, headers);

  describe("credentials", () => {
    it("neither cookie nor Bearer → 401 portal_token_missing (the seed's error)", async () => {
      const res = await getSession({});
      expectError(res, 401, "unkey/authentication/portal_token_missing");
      expect(res.body.error.title).toBe("Unauthorized");
    });

    it("a root key → 401 portal_token_missing saying root keys cannot call portal endpoints", async () => {
      const res = await getSession({}, rootKey);
      expectError(res, 401, "unkey/authentication/portal_token_missing");
      expect(res.body.error.detail).toMatch(/root keys cannot call portal endpoints/i);
      // Also a root key that does not look like one, and one sent as the SDK's cookie.
      const { rootKey: weak } = await seedRootKey(workspaceId, ["api.*.read_key"]);
      expect((await getSession({}, weak)).body.error.detail).toMatch(/root keys cannot/i);
      expectError(await getSession({ Cookie: `portal_session=${rootKey}` }), 401, "unkey/authentication/portal_session_not_found");
    });

    it("Bearer token, the sealed cookie and the SDK's raw-token cookie all authenticate", async () => {
      const s = await open();
      for (const res of [await getSession({}, s.token), await getSession({ Cookie: s.cookie }), await getSession({ Cookie: `portal_session=${s.token}` })]) {
        expect(res.status, res.text).toBe(200);
        expect(res.body.data).toMatchObject({ sessionId: s.sessionId, portalId, externalId: "user_123", preview: false, returnUrl: "https://acme.example/account" });
        expect(res.body.data.branding.displayName).toBe("Acme Developer Portal");
      }
    });

    it("Bearer wins over the cookie", async () => {
      const a = await open("user_a");
      const b = await open("user_b");
      const res = await getSession({ Cookie: b.cookie }, a.token);
      expect(res.body.data.externalId).toBe("user_a");
    });

    it("tampered, truncated, foreign and garbage credentials → 401 portal_session_not_found, never 500", async () => {
      const s = await open();
      const seal = s.cookie.slice("portal_session=".length);
      const flipped = seal.slice(0, 40) + (seal[40] === "A" ? "B" : "A") + seal.slice(41);
      const cases: [Record<string, string>, string?][] = [
        [{}, s.token.slice(0, -2)],
        [{}, `${s.token}x`],
        [{}, "pat_"],
        [{}, "something-else"],
        [{ Cookie: `portal_session=${flipped}` }],
        [{ Cookie: `portal_session=${seal.slice(0, seal.length / 2)}` }],
        [{ Cookie: "portal_session=Fe26.2**" }],
        [{ Cookie: "portal_session=Fe26.2*1*x*y*z*w*v*u~2" }],
        [{ Cookie: `portal_session=${"%".repeat(50)}` }],
        [{ Cookie: `portal_session=${s.token.slice(0, -1)}` }],
        [{ Cookie: `portal_session=${"x".repeat(9000)}` }],
      ];
      for (const [headers, token] of cases) expectError(await getSession(headers, token), 401, "unkey/authentication/portal_session_not_found");
    });

    it("401 malformed for an Authorization header that is not Bearer", async () => {
      expectError(await getSession({ Authorization: "Basic abc" }), 401, "unkey/authentication/malformed");
    });
  });

  describe("CSRF on state-changing requests", () => {
    const write = (headers: Record<string, string>, token?: string) => post(app.url, "/v2/portal.logout", {}, token, headers);

    it.each([
      ["a cross-site Origin", { Origin: "https://evil.example" }],
      ["Origin: null", { Origin: "null" }],
      ["no Origin and no Sec-Fetch-Site", {}],
      ["Sec-Fetch-Site: cross-site", { "Sec-Fetch-Site": "cross-site" }],
      ["Sec-Fetch-Site: same-site", { "Sec-Fetch-Site": "same-site" }],
      ["the right Origin but cross-site fetch metadata", { Origin: ORIGIN, "Sec-Fetch-Site": "cross-site" }],
    ])("sealed cookie with %s → 403 forbidden and nothing changes", async (_name, headers) => {
      const s = await open();
      expectError(await write({ Cookie: s.cookie, ...headers }), 403, "unkey/authorization/forbidden");
      expect((await getSession({}, s.token)).status).toBe(200);
    });

    it.each([
      ["Origin equal to PUBLIC_URL", { Origin: ORIGIN }],
      ["Sec-Fetch-Site: same-origin", { "Sec-Fetch-Site": "same-origin" }],
    ])("sealed cookie with %s passes", async (_name, headers) => {
      const s = await open();
      const res = await write({ Cookie: s.cookie, ...headers });
      expect(res.status, res.text).toBe(200);
      expect(res.headers.getSetCookie()[0]).toMatch(/^portal_session=; .*Max-Age=0/);
      expectError(await getSession({}, s.token), 401, "unkey/authentication/portal_session_not_found");
    });

    it("Bearer and the raw-token cookie are exempt, even with a cross-site Origin", async () => {
      const a = await open();
      expect((await write({ Origin: "https://evil.example" }, a.token)).status).toBe(200);
      const b = await open();
      expect((await write({ Cookie: `portal_session=${b.token}`, Origin: "https://evil.example" })).status).toBe(200);
    });

    it("reads with the sealed cookie need no Origin", async () => {
      const s = await open();
      expect((await getSession({ Cookie: s.cookie })).status).toBe(200);
    });
  });

  describe("lifetimes (server-side, from stored times)", () => {
    it("fixed: 24 h from the exchange, however active", async () => {
      const s = await open();
      advanceClock(23 * HOUR);
      expect((await getSession({}, s.token)).status).toBe(200);
      advanceClock(HOUR - 1000);
      expect((await getSession({}, s.token)).status).toBe(200);
      advanceClock(2000);
      expectError(await getSession({}, s.token), 401, "unkey/authentication/portal_session_not_found");
      expectError(await getSession({ Cookie: s.cookie }), 401, "unkey/authentication/portal_session_not_found");
    });

    it("sliding: 24 h idle, each request extends, 7-day cap", async () => {
      const s = await open("user_slide", "sliding");
      for (let day = 1; day <= 6; day++) {
        advanceClock(23 * HOUR);
        const res = await getSession({}, s.token);
        expect(res.status, `day ${day}`).toBe(200);
      }
      // 138 h in; the idle end moved to 161 h, the cap is 168 h.
      advanceClock(23 * HOUR);
      expect((await getSession({}, s.token)).status).toBe(200);
      // 161 h: the idle end would be 185 h, capped at the hard end, exactly 168 h after the exchange.
      const [row] = await app.db.db.select().from(portalSessions).where(eq(portalSessions.id, s.sessionId));
      expect(row!.expiresAt).toBe(row!.exchangedAt! + 168 * HOUR);
      expect(row!.idleExpiresAt).toBe(row!.expiresAt);
      // Up to the cap (1 s short: real time runs on under the offset clock) it lives; past it, not.
      advanceClock(row!.expiresAt! - now() - 1000);
      expect((await getSession({}, s.token)).status).toBe(200);
      advanceClock(2000);
      expectError(await getSession({}, s.token), 401, "unkey/authentication/portal_session_not_found");
    });

    it("sliding: a day of idleness ends it", async () => {
      const s = await open("user_idle", "sliding");
      advanceClock(24 * HOUR + 1000);
      expectError(await getSession({}, s.token), 401, "unkey/authentication/portal_session_not_found");
    });
  });

  describe("revocation and portal state", () => {
    it("revokeSession {sessionId} ends the session on its next request; listSessions shows the states", async () => {
      const s = await open("user_rev");
      const pending = await post(app.url, "/v2/portal.createSession", { slug: "my-portal", externalId: "user_rev", permissions: ["api.*.read_key"] }, rootKey);
      let list = await post(app.url, "/v2/portal.listSessions", { externalId: "user_rev" }, rootKey);
      expect(list.status, list.text).toBe(200);
      expect(list.body.data.map((x: { id: string; state: string }) => [x.id, x.state]).sort()).toEqual(
        [[s.sessionId, "active"], [pending.body.data.sessionId, "pending"]].sort(),
      );
      const active = list.body.data.find((x: { id: string }) => x.id === s.sessionId);
      expect(active).toMatchObject({ portalId, externalId: "user_rev", permissions: expect.any(Array) });
      // Nothing has used the session since its exchange, which is therefore its last sighting.
      const [stored] = await app.db.db.select().from(portalSessions).where(eq(portalSessions.id, s.sessionId));
      expect(active.lastSeenAt).toBe(stored!.exchangedAt);
      expect(active).not.toHaveProperty("codeHash");
      expect(active).not.toHaveProperty("tokenHash");

      const res = await post(app.url, "/v2/portal.revokeSession", { sessionId: s.sessionId }, rootKey);
      expect(res.body.data).toEqual({ revoked: 1 });
      expectError(await getSession({}, s.token), 401, "unkey/authentication/portal_session_not_found");
      expect((await post(app.url, "/v2/portal.revokeSession", { sessionId: s.sessionId }, rootKey)).body.data).toEqual({ revoked: 0 });
      list = await post(app.url, "/v2/portal.listSessions", { externalId: "user_rev" }, rootKey);
      expect(list.body.data.find((x: { id: string }) => x.id === s.sessionId).state).toBe("revoked");
      const audit = await app.db.db.select().from(auditLog).where(eq(auditLog.resourceId, s.sessionId));
      expect(audit.map((a) => a.event)).toContain("portal.session.revoke");
    });

    it("revokeSession {externalId} ends every session of that end user, unredeemed codes included", async () => {
      const a = await open("user_all");
      const b = await open("user_all");
      const pending = await post(app.url, "/v2/portal.createSession", { slug: "my-portal", externalId: "user_all", permissions: ["api.*.read_key"] }, rootKey);
      const bystander = await open("user_other");
      const res = await post(app.url, "/v2/portal.revokeSession", { externalId: "user_all" }, rootKey);
      expect(res.body.data).toEqual({ revoked: 3 });
      for (const t of [a.token, b.token]) expectError(await getSession({}, t), 401, "unkey/authentication/portal_session_not_found");
      expectError(await post(app.url, "/v2/portal.exchangeCode", { code: codeOf(pending.body.data.url) }), 401, "unkey/authentication/portal_session_not_found");
      expect((await getSession({}, bystander.token)).status).toBe(200);
      expect((await post(app.url, "/v2/portal.revokeSession", { externalId: "nobody" }, rootKey)).body.data).toEqual({ revoked: 0 });
    });

    it("revokeSession with both fields or neither → 400; another workspace's root key revokes nothing", async () => {
      expectError(await post(app.url, "/v2/portal.revokeSession", {}, rootKey), 400, "unkey/application/invalid_input");
      expectError(await post(app.url, "/v2/portal.revokeSession", { sessionId: "ps_x", externalId: "u" }, rootKey), 400, "unkey/application/invalid_input");
      const s = await open("user_x_ws");
      const other = await seedWorkspace("Other");
      expect((await post(app.url, "/v2/portal.revokeSession", { sessionId: s.sessionId }, other.rootKey)).body.data).toEqual({ revoked: 0 });
      expect((await post(app.url, "/v2/portal.listSessions", {}, other.rootKey)).body.data).toEqual([]);
      expect((await getSession({}, s.token)).status).toBe(200);
    });

    it("list/revoke need the session-minting permission", async () => {
      const { rootKey: weak } = await seedRootKey(workspaceId, ["api.*.read_key"]);
      expectError(await post(app.url, "/v2/portal.listSessions", {}, weak), 403, "unkey/authorization/insufficient_permissions");
      expectError(await post(app.url, "/v2/portal.revokeSession", { externalId: "u" }, weak), 403, "unkey/authorization/insufficient_permissions");
    });

    it("pending codes expire in listSessions after 15 minutes", async () => {
      const pending = await post(app.url, "/v2/portal.createSession", { slug: "my-portal", externalId: "user_pend", permissions: ["api.*.read_key"] }, rootKey);
      advanceClock(15 * 60_000 + 1);
      const list = await post(app.url, "/v2/portal.listSessions", { externalId: "user_pend" }, rootKey);
      expect(list.body.data).toEqual([expect.objectContaining({ id: pending.body.data.sessionId, state: "expired" })]);
    });

    it("a disabled portal answers 403 forbidden at once; a preview session keeps working there", async () => {
      const api = await seedApi(workspaceId);
      const pc = await seedPortal(workspaceId, { slug: "toggled", apiIds: [api] });
      const s = await openSession(app.url, rootKey, { slug: "toggled", externalId: "u", permissions: ["api.*.read_key"] });
      const preview = await openSession(app.url, rootKey, { slug: "toggled", externalId: "u", permissions: ["api.*.read_key"], preview: true });
      await app.db.db.update(portalConfigs).set({ enabled: false }).where(eq(portalConfigs.id, pc));
      expectError(await getSession({}, s.token), 403, "unkey/authorization/forbidden");
      const p = await getSession({}, preview.token);
      expect(p.status).toBe(200);
      expect(p.body.data.preview).toBe(true);
      await app.db.db.update(portalConfigs).set({ enabled: true }).where(eq(portalConfigs.id, pc));
      expect((await getSession({}, s.token)).status).toBe(200);
      // Deleting the portal ends its sessions.
      await app.db.db.delete(portalConfigs).where(eq(portalConfigs.id, pc));
      expectError(await getSession({}, s.token), 401, "unkey/authentication/portal_session_not_found");
    });

    it("deleting the identity ends its sessions", async () => {
      const s = await open("user_gone");
      const created = await post(app.url, "/v2/identities.createIdentity", { externalId: "user_gone" }, rootKey);
      expect(created.status, created.text).toBe(200);
      expect((await post(app.url, "/v2/identities.deleteIdentity", { identity: "user_gone" }, rootKey)).status).toBe(200);
      expectError(await getSession({}, s.token), 401, "unkey/authentication/portal_session_not_found");
    });
  });
});
