import { Unkey } from "@unkey/api";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { auditLog, portalSessions } from "@/db/schema";
import { resetSessionSecretsForTests } from "@/lib/bootstrap/session-secrets";
import { advanceClock, advanceToNextWindow, now, resetClock } from "@/lib/clock";
import { sha256 } from "@/lib/crypto/secrets";
import { resetEnvForTests } from "@/lib/env";
import { codeOf, cookiePair, seedApi, seedPortal } from "@/lib/testing/portal-fixtures";
import { expectError } from "@/lib/testing/expect-error";
import { post, seedWorkspace } from "@/lib/testing/fixtures";
import { BACKENDS } from "@/lib/testing/test-db";
import { useTestApp } from "@/lib/testing/test-app";
import { windowLeft } from "@/lib/testing/window-left";

function setEnv(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvForTests();
}

describe.each(BACKENDS)("portal code exchange on %s", (backend) => {
  const app = useTestApp(backend);
  let rootKey: string;
  let workspaceId: string;
  let portalId: string;
  let portal2Id: string;
  let slidingPortalId: string;

  beforeAll(async () => {
    ({ rootKey, workspaceId } = await seedWorkspace());
    const api = await seedApi(workspaceId);
    portalId = await seedPortal(workspaceId, { slug: "my-portal", apiIds: [api] });
    portal2Id = await seedPortal(workspaceId, { slug: "second", apiIds: [api] });
    slidingPortalId = await seedPortal(workspaceId, { slug: "sliding", apiIds: [api], sessionPolicy: "sliding" });
  });
  afterEach(() => {
    // Each test starts at the start of a fresh one-minute failure window, with the default configuration.
    advanceToNextWindow(60_000);
    setEnv({ KEYPORT_EXCHANGE_FAILURE_LIMIT: undefined, KEYPORT_TRUSTED_PROXIES: undefined, SESSION_SECRET: undefined, PUBLIC_URL: undefined });
    resetSessionSecretsForTests();
  });
  afterAll(() => resetClock());

  async function mint(slug = "my-portal", externalId = "user_123") {
    const res = await post(app.url, "/v2/portal.createSession", { slug, externalId, permissions: ["api.*.read_key"] }, rootKey);
    expect(res.status, res.text).toBe(200);
    return { id: res.body.data.sessionId as string, code: codeOf(res.body.data.url) };
  }

  it("exchangeSession {sessionId: code} → {token, expiresAt} and sets the sealed HttpOnly cookie", async () => {
    const { id, code } = await mint();
    const res = await post(app.url, "/v2/portal.exchangeSession", { sessionId: code });
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("pragma")).toBe("no-cache");
    expect(res.body.data.token).toMatch(/^pat_[1-9A-HJ-NP-Za-km-z]{22,}$/);
    const [row] = await app.db.db.select().from(portalSessions).where(eq(portalSessions.id, id));
    expect(row?.tokenHash).toBe(sha256(res.body.data.token));
    expect(res.body.data.expiresAt).toBe(row?.expiresAt);
    expect(res.body.data.expiresAt - (row?.exchangedAt ?? 0)).toBe(24 * 3600_000);
    const [setCookie] = res.headers.getSetCookie();
    expect(setCookie).toMatch(/^portal_session=Fe26\.2\*/);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    expect(setCookie).toContain("Path=/");
    expect(setCookie).toContain("Max-Age=86400");
    expect(setCookie).not.toContain("Secure");
    expect(setCookie).not.toContain(res.body.data.token);
    const audit = await app.db.db.select().from(auditLog).where(eq(auditLog.resourceId, id));
    expect(audit.map((a) => [a.event, a.actorType, a.actorId])).toContainEqual(["portal.session.exchange", "portal_user", "user_123"]);
  });

  it("exchangeCode through the official SDK → {accessToken, expiresAt}", async () => {
    const unkey = new Unkey({ rootKey, serverURL: app.url });
    const created = await unkey.portal.createSession({ portal: "my-portal", externalId: "user_sdk", scopes: ["keys:read"] });
    const res = await unkey.portal.exchangeCode({ code: codeOf(created.result.data.url) });
    expect(res.result.data.accessToken).toMatch(/^pat_/);
    // A fixed session: 24 h from the exchange, as stored.
    const [row] = await app.db.db.select().from(portalSessions).where(eq(portalSessions.tokenHash, sha256(res.result.data.accessToken)));
    expect(res.result.data.expiresAt).toBe(row!.exchangedAt! + 24 * 3600_000);
    expect(row!.expiresAt).toBe(res.result.data.expiresAt);
    // Unkey's document lists both cache headers on this answer (it carries the access token).
    expect(res.headers["cache-control"]).toEqual(["no-store"]);
    expect(res.headers.pragma).toEqual(["no-cache"]);
  });

  it("a reused code gets the seed's exact 401; so do the ps_ id, a bad code and a truncated code", async () => {
    const { id, code } = await mint();
    expect((await post(app.url, "/v2/portal.exchangeCode", { code })).status).toBe(200);
    const reused = await post(app.url, "/v2/portal.exchangeCode", { code });
    expectError(reused, 401, "unkey/authentication/portal_session_not_found");
    expect(reused.body.error.title).toBe("Unauthorized");
    const viaSeedForm = await post(app.url, "/v2/portal.exchangeSession", { sessionId: code });
    expectError(viaSeedForm, 401, "unkey/authentication/portal_session_not_found");
    for (const bad of [id, "pst_nope", code.slice(0, -3), `${code}x`, "x".repeat(400)]) {
      const res = await post(app.url, "/v2/portal.exchangeCode", { code: bad });
      expectError(res, 401, "unkey/authentication/portal_session_not_found");
      expect(res.body.error.detail).toBe(reused.body.error.detail);
      expect(res.headers.getSetCookie()).toEqual([]);
    }
  });

  it("400 for a body without the code field, or with unknown fields", async () => {
    expectError(await post(app.url, "/v2/portal.exchangeCode", {}), 400, "unkey/application/invalid_input");
    expectError(await post(app.url, "/v2/portal.exchangeSession", { code: "pst_x" }), 400, "unkey/application/invalid_input");
  });

  it("50 parallel redemptions of one code: exactly one 200", async () => {
    setEnv({ KEYPORT_EXCHANGE_FAILURE_LIMIT: "1000" });
    const { id, code } = await mint();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => post(app.url, i % 2 ? "/v2/portal.exchangeCode" : "/v2/portal.exchangeSession", i % 2 ? { code } : { sessionId: code })));
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 200)) expectError(r, 401, "unkey/authentication/portal_session_not_found");
    const token = ok[0]?.body.data.accessToken ?? ok[0]?.body.data.token;
    const [row] = await app.db.db.select().from(portalSessions).where(eq(portalSessions.id, id));
    expect(row?.tokenHash).toBe(sha256(token));
    const exchanges = await app.db.db.select().from(auditLog).where(eq(auditLog.resourceId, id));
    expect(exchanges.filter((a) => a.event === "portal.session.exchange")).toHaveLength(1);
  });

  it("the code expires 15 minutes after minting", async () => {
    const early = await mint();
    const late = await mint();
    advanceClock(15 * 60_000 - 2_000);
    expect((await post(app.url, "/v2/portal.exchangeCode", { code: early.code })).status).toBe(200);
    advanceClock(3_000);
    expectError(await post(app.url, "/v2/portal.exchangeCode", { code: late.code }), 401, "unkey/authentication/portal_session_not_found");
  });

  it("a revoked pending code does not redeem", async () => {
    const { id, code } = await mint("my-portal", "user_revoked_code");
    const revoked = await post(app.url, "/v2/portal.revokeSession", { sessionId: id }, rootKey);
    expect(revoked.body.data).toEqual({ revoked: 1 });
    expectError(await post(app.url, "/v2/portal.exchangeCode", { code }), 401, "unkey/authentication/portal_session_not_found");
  });

  it("a code of a portal disabled after minting → 403 forbidden, and the code stays unredeemed", async () => {
    const api = await seedApi(workspaceId);
    const pc = await seedPortal(workspaceId, { slug: "soon-off", apiIds: [api] });
    const { id, code } = await mint("soon-off");
    const { portalConfigs } = await import("@/db/schema");
    await app.db.db.update(portalConfigs).set({ enabled: false }).where(eq(portalConfigs.id, pc));
    expectError(await post(app.url, "/v2/portal.exchangeCode", { code }), 403, "unkey/authorization/forbidden");
    const [row] = await app.db.db.select().from(portalSessions).where(eq(portalSessions.id, id));
    expect(row?.exchangedAt).toBeNull();
  });

  describe("retry after a lost response", () => {
    it("a repeat carrying the cookie the first redemption set answers 200 with the same session", async () => {
      const { code } = await mint();
      const first = await post(app.url, "/v2/portal.exchangeSession", { sessionId: code });
      const cookie = cookiePair(first.headers);
      const retry = await post(app.url, "/v2/portal.exchangeSession", { sessionId: code }, undefined, { Cookie: cookie });
      expect(retry.status, retry.text).toBe(200);
      expect(retry.body.data).toEqual(first.body.data);
      const sdkRetry = await post(app.url, "/v2/portal.exchangeCode", { code }, undefined, { Cookie: `portal_session=${first.body.data.token}` });
      expect(sdkRetry.body.data.accessToken).toBe(first.body.data.token);
    });

    it("a repeat without that cookie, or with another session's cookie, is 401", async () => {
      const a = await mint();
      const b = await mint();
      const first = await post(app.url, "/v2/portal.exchangeCode", { code: a.code });
      const other = await post(app.url, "/v2/portal.exchangeCode", { code: b.code });
      expectError(await post(app.url, "/v2/portal.exchangeCode", { code: a.code }), 401, "unkey/authentication/portal_session_not_found");
      const wrong = await post(app.url, "/v2/portal.exchangeCode", { code: a.code }, undefined, { Cookie: cookiePair(other.headers) });
      expectError(wrong, 401, "unkey/authentication/portal_session_not_found");
      // A revoked session is not revived by a retry.
      await post(app.url, "/v2/portal.revokeSession", { sessionId: a.id }, rootKey);
      const revoked = await post(app.url, "/v2/portal.exchangeCode", { code: a.code }, undefined, { Cookie: cookiePair(first.headers) });
      expectError(revoked, 401, "unkey/authentication/portal_session_not_found");
    });
  });

  describe("failed-redemption limit per client address", () => {
    it("429 with Retry-After after the limit; successes are never limited; a new minute resets", async () => {
      setEnv({ KEYPORT_EXCHANGE_FAILURE_LIMIT: "5" });
      const valid = await mint();
      for (let i = 0; i < 5; i++) expectError(await post(app.url, "/v2/portal.exchangeCode", { code: `pst_bad${i}` }), 401, "unkey/authentication/portal_session_not_found");
      const before = now();
      const limited = await post(app.url, "/v2/portal.exchangeCode", { code: "pst_bad" });
      const left = windowLeft(before, now(), 60_000);
      expectError(limited, 429, "user/too_many_requests/rate_limited");
      // The rest of this minute's window, in whole seconds rounded up, also in the detail.
      const retryAfter = Number(limited.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThanOrEqual(Math.ceil(left.min / 1000));
      expect(retryAfter).toBeLessThanOrEqual(Math.ceil(left.max / 1000));
      expect(limited.body.error.detail).toContain(`Retry in ${retryAfter} s`);
      const ok = await post(app.url, "/v2/portal.exchangeCode", { code: valid.code });
      expect(ok.status, ok.text).toBe(200);
      advanceClock(61_000);
      expectError(await post(app.url, "/v2/portal.exchangeCode", { code: "pst_bad" }), 401, "unkey/authentication/portal_session_not_found");
    });

    it("the default limit is 30 per minute", async () => {
      const results = [];
      for (let i = 0; i < 31; i++) results.push((await post(app.url, "/v2/portal.exchangeCode", { code: `pst_x${i}` })).status);
      expect(results.slice(0, 30).every((s) => s === 401)).toBe(true);
      expect(results[30]).toBe(429);
    });

    it("X-Forwarded-For counts only from a trusted proxy", async () => {
      setEnv({ KEYPORT_EXCHANGE_FAILURE_LIMIT: "2" });
      // Untrusted: a client-sent X-Forwarded-For does not give it a fresh budget.
      for (let i = 0; i < 2; i++) await post(app.url, "/v2/portal.exchangeCode", { code: "pst_bad" }, undefined, { "X-Forwarded-For": `203.0.113.${i}` });
      expect((await post(app.url, "/v2/portal.exchangeCode", { code: "pst_bad" }, undefined, { "X-Forwarded-For": "203.0.113.99" })).status).toBe(429);
      // Trusted (the test client connects from 127.0.0.1): each forwarded client has its own budget.
      advanceClock(60_000);
      setEnv({ KEYPORT_TRUSTED_PROXIES: "127.0.0.1" });
      for (let i = 0; i < 2; i++) await post(app.url, "/v2/portal.exchangeCode", { code: "pst_bad" }, undefined, { "X-Forwarded-For": "198.51.100.7" });
      expect((await post(app.url, "/v2/portal.exchangeCode", { code: "pst_bad" }, undefined, { "X-Forwarded-For": "198.51.100.7" })).status).toBe(429);
      expect((await post(app.url, "/v2/portal.exchangeCode", { code: "pst_bad" }, undefined, { "X-Forwarded-For": "198.51.100.8" })).status).toBe(401);
    });
  });

  describe("the browser cookie", () => {
    it("holds sessions of several portals; X-Keyport-Portal picks one, and is required then", async () => {
      const a = await mint("my-portal", "user_a");
      const b = await mint("second", "user_b");
      const first = await post(app.url, "/v2/portal.exchangeSession", { sessionId: a.code });
      const second = await post(app.url, "/v2/portal.exchangeSession", { sessionId: b.code }, undefined, { Cookie: cookiePair(first.headers) });
      const both = cookiePair(second.headers);
      const ambiguous = await post(app.url, "/v2/portal.getSession", {}, undefined, { Cookie: both });
      expectError(ambiguous, 400, "unkey/application/invalid_input");
      expect(ambiguous.body.error.errors[0].location).toBe("header.X-Keyport-Portal");
      const pickA = await post(app.url, "/v2/portal.getSession", {}, undefined, { Cookie: both, "X-Keyport-Portal": portalId });
      expect(pickA.body.data).toMatchObject({ portalId, externalId: "user_a" });
      const pickB = await post(app.url, "/v2/portal.getSession", {}, undefined, { Cookie: both, "X-Keyport-Portal": portal2Id });
      expect(pickB.body.data).toMatchObject({ portalId: portal2Id, externalId: "user_b" });
      expectError(await post(app.url, "/v2/portal.getSession", {}, undefined, { Cookie: both, "X-Keyport-Portal": slidingPortalId }), 401, "unkey/authentication/portal_token_missing");
      // Logging out of one portal keeps the other.
      const out = await post(app.url, "/v2/portal.logout", {}, undefined, { Cookie: both, "X-Keyport-Portal": portalId, Origin: "http://localhost:3000" });
      expect(out.status, out.text).toBe(200);
      const remaining = cookiePair(out.headers);
      expect((await post(app.url, "/v2/portal.getSession", {}, undefined, { Cookie: remaining })).body.data.externalId).toBe("user_b");
      expectError(await post(app.url, "/v2/portal.getSession", {}, undefined, { Cookie: both, "X-Keyport-Portal": portalId }), 401, "unkey/authentication/portal_session_not_found");
    });

    it("Max-Age follows the policy: 7 days for a sliding portal", async () => {
      const { code } = await mint("sliding");
      const res = await post(app.url, "/v2/portal.exchangeCode", { code });
      expect(res.headers.getSetCookie()[0]).toContain(`Max-Age=${7 * 24 * 3600}`);
      // expiresAt is the idle end: 24 h on.
      const [row] = await app.db.db.select().from(portalSessions).where(eq(portalSessions.tokenHash, sha256(res.body.data.accessToken)));
      expect(res.body.data.expiresAt).toBe((row?.exchangedAt ?? 0) + 24 * 3600_000);
    });

    it("is Secure when PUBLIC_URL is https", async () => {
      setEnv({ PUBLIC_URL: "https://portal.example.com" });
      const { code } = await mint();
      expect(code).toMatch(/^pst_/);
      const res = await post(app.url, "/v2/portal.exchangeCode", { code });
      expect(res.headers.getSetCookie()[0]).toMatch(/; Secure/);
    });

    it("secret rotation: the newest secret seals, every listed one unseals", async () => {
      const A = "a".repeat(40);
      const B = "b".repeat(40);
      setEnv({ SESSION_SECRET: A });
      resetSessionSecretsForTests();
      const { code } = await mint();
      const sealedWithA = cookiePair((await post(app.url, "/v2/portal.exchangeCode", { code })).headers);
      setEnv({ SESSION_SECRET: `${B},${A}` });
      resetSessionSecretsForTests();
      expect((await post(app.url, "/v2/portal.getSession", {}, undefined, { Cookie: sealedWithA })).status).toBe(200);
      setEnv({ SESSION_SECRET: B });
      resetSessionSecretsForTests();
      expectError(await post(app.url, "/v2/portal.getSession", {}, undefined, { Cookie: sealedWithA }), 401, "unkey/authentication/portal_session_not_found");
    });
  });
});
