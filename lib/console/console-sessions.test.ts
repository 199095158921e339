import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, consoleSessions } from "@/db/schema";
import { advanceClock, now, resetClock } from "@/lib/clock";
import { resolveConsoleSession } from "@/lib/console/resolve-session";
import { CONSOLE_CAP_MS, CONSOLE_IDLE_MS, isLive, lifetimeAtSignIn } from "@/lib/console/session-policy";
import { requireWorkspace } from "@/lib/console/viewer";
import { CONSOLE_ORIGIN, signedInConsole } from "@/lib/testing/console-fixtures";
import { expectError } from "@/lib/testing/expect-error";
import { post, seedWorkspace } from "@/lib/testing/fixtures";
import { useTestApp } from "@/lib/testing/test-app";
import { BACKENDS } from "@/lib/testing/test-db";

const TOKEN = "kpo_console_sessions_test_token_0123456789ab";
const HOUR = 3_600_000;

describe("console session policy", () => {
  it("12 hours idle, 7 days at most, from the sign-in time", () => {
    expect(CONSOLE_IDLE_MS).toBe(12 * HOUR);
    expect(CONSOLE_CAP_MS).toBe(7 * 24 * HOUR);
    expect(lifetimeAtSignIn(1_000)).toEqual({ expiresAt: 1_000 + 7 * 24 * HOUR, idleExpiresAt: 1_000 + 12 * HOUR });
    const row = { revokedAt: null, expiresAt: 100, idleExpiresAt: 50 };
    expect(isLive(row, 49)).toBe(true);
    expect(isLive(row, 50)).toBe(false);
    expect(isLive({ ...row, idleExpiresAt: 200 }, 100)).toBe(false);
    expect(isLive({ ...row, revokedAt: 10 }, 0)).toBe(false);
  });
});

/**
 * Console sessions (docs/console.md "Signing in"): read from their row on every request, so the idle
 * end slides with each visit, the cap and revocation act at the next request; the operator revokes
 * every session, a workspace's, or one; Sign out revokes the browser's own.
 */
describe.each(BACKENDS)("console sessions on %s", (backend) => {
  const app = useTestApp(backend, { env: { KEYPORT_OPERATOR_TOKEN: TOKEN } });
  let a: string;
  let b: string;
  const resolve = async (seal: string) => resolveConsoleSession(await getDb(), seal);
  const rowOf = async (id: string) => (await app.db.db.select().from(consoleSessions).where(eq(consoleSessions.id, id)))[0];
  const revoke = (body: unknown) => post(app.url, "/operator/v1/console.revokeSessions", body, TOKEN);

  beforeAll(async () => {
    ({ workspaceId: a } = await seedWorkspace("Alpha"));
    ({ workspaceId: b } = await seedWorkspace("Beta"));
  });
  // Moving the clock back would bring a session that ended in the future back to life: each test
  // starts with every earlier session revoked.
  afterEach(async () => {
    await app.db.db.update(consoleSessions).set({ revokedAt: 1 });
    resetClock();
  });

  it("each visit moves the idle end 12 hours on; 12 hours without one ends the session", async () => {
    const { seal } = await signedInConsole(app.url, a);
    const viewer = await resolve(seal);
    expect(viewer).toEqual({ sessionId: expect.stringMatching(/^cs_/), workspaceId: a });
    const signedInAt = (await rowOf(viewer!.sessionId))!.createdAt;

    advanceClock(CONSOLE_IDLE_MS - 60_000);
    expect(await resolve(seal)).toEqual(viewer);
    const row = await rowOf(viewer!.sessionId);
    expect(row!.lastSeenAt).toBeGreaterThanOrEqual(signedInAt + CONSOLE_IDLE_MS - 60_000);
    expect(row!.idleExpiresAt).toBe(row!.lastSeenAt + CONSOLE_IDLE_MS);

    advanceClock(CONSOLE_IDLE_MS - 60_000);
    expect(await resolve(seal)).toEqual(viewer);
    advanceClock(CONSOLE_IDLE_MS);
    expect(await resolve(seal)).toBeUndefined();
    // And it stays ended: a dead row is not revived by a later request.
    expect(await resolve(seal)).toBeUndefined();
  });

  it("however often it is used, a session ends 7 days after sign-in", async () => {
    const { seal } = await signedInConsole(app.url);
    const viewer = await resolve(seal);
    expect(viewer?.workspaceId).toBeNull();
    const { expiresAt } = (await rowOf(viewer!.sessionId))!;
    let visits = 0;
    while (now() + 11 * HOUR < expiresAt) {
      advanceClock(11 * HOUR);
      expect(await resolve(seal), `visit ${++visits}`).toEqual(viewer);
      // The idle end never passes the cap.
      expect((await rowOf(viewer!.sessionId))!.idleExpiresAt).toBeLessThanOrEqual(expiresAt);
    }
    expect(visits).toBeGreaterThanOrEqual(14);
    advanceClock(expiresAt - now());
    expect(await resolve(seal)).toBeUndefined();
  });

  it("revokeSessions: one session, one workspace's, or all — each acts at the next request", async () => {
    const a1 = await signedInConsole(app.url, a);
    const a2 = await signedInConsole(app.url, a);
    const b1 = await signedInConsole(app.url, b);
    const op = await signedInConsole(app.url);
    const id = async (seal: string) => (await resolve(seal))!.sessionId;
    const a1Id = await id(a1.seal);

    expect((await revoke({ sessionId: a1Id })).body.data).toEqual({ revoked: 1 });
    expect(await resolve(a1.seal)).toBeUndefined();
    expect(await resolve(a2.seal)).toBeDefined();
    // Revoking it again finds nothing live.
    expect((await revoke({ sessionId: a1Id })).body.data).toEqual({ revoked: 0 });

    expect((await revoke({ workspaceId: a })).body.data).toEqual({ revoked: 1 });
    expect(await resolve(a2.seal)).toBeUndefined();
    expect(await resolve(b1.seal)).toBeDefined();
    expect(await resolve(op.seal)).toBeDefined();

    const all = (await revoke({})).body.data.revoked as number;
    expect(all).toBeGreaterThanOrEqual(2);
    expect(await resolve(b1.seal)).toBeUndefined();
    expect(await resolve(op.seal)).toBeUndefined();

    const events = await app.db.db.select().from(auditLog).where(eq(auditLog.workspaceId, a));
    expect(events.filter((e) => e.event === "console.session.revoke").map((e) => [e.actorType, e.resourceId])).toEqual(
      expect.arrayContaining([["operator", a1Id]]),
    );
  });

  it("revokeSessions refuses a session that does not exist or is of another workspace than the one named, changing nothing", async () => {
    const b1 = await signedInConsole(app.url, b);
    const b1Id = (await resolve(b1.seal))!.sessionId;
    expectError(await revoke({ sessionId: "cs_doesnotexist" }), 404, "keyport/data/console_session_not_found");
    expectError(await revoke({ workspaceId: a, sessionId: b1Id }), 404, "keyport/data/console_session_not_found");
    expectError(await revoke({ workspaceId: "ws_nope" }), 404, "keyport/data/workspace_not_found");
    expectError(await revoke({ sessionId: 7 }), 400, "unkey/application/invalid_input");
    expect(await resolve(b1.seal)).toBeDefined();
    expect((await revoke({ workspaceId: b, sessionId: b1Id })).body.data).toEqual({ revoked: 1 });
  });

  it("Sign out revokes the browser's own session and clears the cookie; from another origin it does nothing", async () => {
    const s = await signedInConsole(app.url, a);
    const viewer = (await resolve(s.seal))!;
    const out = (origin: string) =>
      fetch(`${app.url}/console/sign-out`, { method: "POST", redirect: "manual", headers: { Cookie: s.cookie, Origin: origin, "Content-Type": "application/x-www-form-urlencoded" }, body: "" });

    const forged = await out("https://evil.example");
    expect(forged.status).toBe(403);
    expect(forged.headers.getSetCookie()).toEqual([]);
    expect(await resolve(s.seal)).toEqual(viewer);

    const res = await out(CONSOLE_ORIGIN);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${CONSOLE_ORIGIN}/console/signed-out`);
    expect(res.headers.getSetCookie()).toEqual(["console_session=; Path=/console; Max-Age=0; HttpOnly; SameSite=Strict"]);
    expect(await resolve(s.seal)).toBeUndefined();
    const [event] = await app.db.db.select().from(auditLog).where(eq(auditLog.resourceId, viewer.sessionId)).orderBy(auditLog.id).then((r) => r.filter((e) => e.event === "console.session.revoke"));
    expect(event).toMatchObject({ actorType: "console", actorId: viewer.sessionId, meta: { reason: "sign_out" } });
  });

  it("the sign-in writes console.session.create in the workspace, by the session itself", async () => {
    const s = await signedInConsole(app.url, b);
    const viewer = (await resolve(s.seal))!;
    const events = await app.db.db.select().from(auditLog).where(eq(auditLog.resourceId, viewer.sessionId));
    expect(events.map((e) => [e.workspaceId, e.event, e.actorType, e.actorId])).toEqual([[b, "console.session.create", "console", viewer.sessionId]]);
  });

  it("scope: the operator may open any workspace; an admin only theirs; another's and a missing one are the same 404", async () => {
    const catchDigest = async (p: Promise<unknown>) => p.then(() => "allowed", (e: { digest?: string }) => e.digest ?? String(e));
    const operator = { sessionId: "cs_op", workspaceId: null };
    const admin = { sessionId: "cs_admin", workspaceId: a };
    expect((await requireWorkspace(operator, b)).id).toBe(b);
    expect((await requireWorkspace(admin, a)).id).toBe(a);
    const other = await catchDigest(requireWorkspace(admin, b));
    expect(other).toMatch(/^NEXT_HTTP_ERROR_FALLBACK;404/);
    expect(await catchDigest(requireWorkspace(admin, "ws_missing"))).toBe(other);
    expect(await catchDigest(requireWorkspace(operator, "ws_missing"))).toBe(other);
    expect(await catchDigest(requireWorkspace(operator, "../../etc"))).toBe(other);
  });
});
