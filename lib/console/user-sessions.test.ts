import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import { advanceClock, resetClock } from "@/lib/clock";
import type { ConsoleActing } from "@/lib/console/acting-auth";
import { listUserSessions, revokeAllSessionsOfUser, revokeOneSession } from "@/lib/console/user-sessions";
import { expectError } from "@/lib/testing/expect-error";
import { post, seedWorkspace } from "@/lib/testing/fixtures";
import { openSession, seedApi, seedPortal } from "@/lib/testing/portal-fixtures";
import { BACKENDS } from "@/lib/testing/test-db";
import { useTestApp } from "@/lib/testing/test-app";

/** The console session the changes are made in; the audit log names it as the actor. */
const VIEWER = { sessionId: "cs_sessionstest", workspaceId: null };
const ACTOR = { type: "console", id: VIEWER.sessionId };

describe.each(BACKENDS)("console: an end user's portal sessions on %s", (backend) => {
  const app = useTestApp(backend);
  let ws: { workspaceId: string; rootKey: string };
  let other: { workspaceId: string; rootKey: string };
  let acting: ConsoleActing;

  // Each session a few ms after the last, so "newest first" never depends on ids breaking a tie.
  const open = async (externalId: string, slug = "docs", rootKey = ws.rootKey) => {
    advanceClock(2);
    return openSession(app.url, rootKey, { slug, externalId, permissions: ["api.*.read_key"] });
  };
  const getSession = (token: string) => post(app.url, "/v2/portal.getSession", {}, token);
  const getByCookie = (cookie: string) => post(app.url, "/v2/portal.getSession", {}, undefined, { Cookie: cookie });

  beforeAll(async () => {
    ws = await seedWorkspace("Sessions");
    other = await seedWorkspace("Elsewhere");
    const api = await seedApi(ws.workspaceId);
    await seedPortal(ws.workspaceId, { slug: "docs", apiIds: [api], displayName: "Acme Docs" });
    await seedPortal(ws.workspaceId, { slug: "billing", apiIds: [api], displayName: "Acme Billing" });
    await seedPortal(other.workspaceId, { slug: "docs", apiIds: [await seedApi(other.workspaceId)], displayName: "Other Docs" });
    acting = { db: app.db.db, workspaceId: ws.workspaceId, viewer: VIEWER };
  });
  afterAll(() => resetClock());

  it("lists one end user's sessions newest first with portal, state and preview, keyset-paged; never another user's or workspace's", async () => {
    const first = await open("alice");
    const second = await open("alice", "billing");
    advanceClock(2);
    const preview = await post(app.url, "/v2/portal.createSession", { slug: "docs", externalId: "alice", permissions: ["api.*.read_key"], preview: true }, ws.rootKey);
    expect(preview.status, preview.text).toBe(200);
    await open("alice2");
    await open("alice", "docs", other.rootKey);

    const all = await listUserSessions(app.db.db, ws.workspaceId, { externalId: "alice" });
    expect(all.rows.map((r) => r.id)).toEqual([preview.body.data.sessionId, second.sessionId, first.sessionId]);
    expect(all.rows[0]).toMatchObject({ portalName: "Acme Docs", portalSlug: "docs", state: "pending", preview: true, lastSeenAt: null });
    expect(all.rows[1]).toMatchObject({ portalName: "Acme Billing", state: "active", preview: false });
    expect(all.rows[1]?.expiresAt).toBe(second.expiresAt);
    expect(all.nextCursor).toBeUndefined();

    const p1 = await listUserSessions(app.db.db, ws.workspaceId, { externalId: "alice", pageSize: 2 });
    expect(p1.rows).toHaveLength(2);
    const p2 = await listUserSessions(app.db.db, ws.workspaceId, { externalId: "alice", pageSize: 2, cursor: p1.nextCursor });
    expect([...p1.rows, ...p2.rows].map((r) => r.id)).toEqual(all.rows.map((r) => r.id));
    expect(p2.nextCursor).toBeUndefined();

    // Exact externalId: alice is not alice2, nor a prefix of it; case matters.
    expect((await listUserSessions(app.db.db, ws.workspaceId, { externalId: "alic" })).rows).toEqual([]);
    expect((await listUserSessions(app.db.db, ws.workspaceId, { externalId: "ALICE" })).rows).toEqual([]);
    expect((await listUserSessions(app.db.db, ws.workspaceId, { externalId: "" })).rows).toEqual([]);
    expect((await listUserSessions(app.db.db, other.workspaceId, { externalId: "alice" })).rows.map((r) => r.portalName)).toEqual(["Other Docs"]);
  });

  it("revoke one: that session answers 401 at once (Bearer and cookie), the user's other sessions go on", async () => {
    const a = await open("bob");
    const b = await open("bob", "billing");
    expect((await getSession(a.token)).status).toBe(200);
    expect(await revokeOneSession(acting, a.sessionId)).toBe(1);
    expectError(await getSession(a.token), 401, "unkey/authentication/portal_session_not_found");
    expectError(await getByCookie(a.cookie), 401, "unkey/authentication/portal_session_not_found");
    expect((await getSession(b.token)).status).toBe(200);
    const listed = await listUserSessions(app.db.db, ws.workspaceId, { externalId: "bob" });
    expect(Object.fromEntries(listed.rows.map((r) => [r.id, r.state]))).toEqual({ [a.sessionId]: "revoked", [b.sessionId]: "active" });
    // Already revoked: nothing more to revoke.
    expect(await revokeOneSession(acting, a.sessionId)).toBe(0);
    const audit = await app.db.db.select().from(auditLog).where(and(eq(auditLog.resourceId, a.sessionId), eq(auditLog.event, "portal.session.revoke")));
    expect(audit.map((e) => [e.actorType, e.actorId, e.meta])).toEqual([[ACTOR.type, ACTOR.id, { portalId: listed.rows.find((r) => r.id === a.sessionId)?.portalId, externalId: "bob" }]]);
  });

  it("revoke all: every session of that user ends at once; other users and other workspaces are untouched", async () => {
    const c1 = await open("carol");
    const c2 = await open("carol", "billing");
    const dave = await open("dave");
    const carolElsewhere = await open("carol", "docs", other.rootKey);
    expect(await revokeAllSessionsOfUser(acting, "carol")).toBe(2);
    for (const s of [c1, c2]) expectError(await getSession(s.token), 401, "unkey/authentication/portal_session_not_found");
    expect((await getSession(dave.token)).status).toBe(200);
    expect((await getSession(carolElsewhere.token)).status).toBe(200);
    expect(await revokeAllSessionsOfUser(acting, "carol")).toBe(0);
  });

  it("a session of another workspace cannot be revoked from this one", async () => {
    const theirs = await open("erin", "docs", other.rootKey);
    expect(await revokeOneSession(acting, theirs.sessionId)).toBe(0);
    expect((await getSession(theirs.token)).status).toBe(200);
  });

  it("refuses an empty, over-long or control-character externalId, saying what to do; a forged cursor is the first page", async () => {
    for (const [run, message] of [
      [() => revokeAllSessionsOfUser(acting, "  "), /Name the end user/],
      [() => listUserSessions(app.db.db, ws.workspaceId, { externalId: "x".repeat(257) }), /at most 256/],
      [() => listUserSessions(app.db.db, ws.workspaceId, { externalId: "a\nb" }), /control characters/],
    ] as const) {
      const err = await run().then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).errors?.[0]?.message).toMatch(message);
    }
    const first = await listUserSessions(app.db.db, ws.workspaceId, { externalId: "alice" });
    expect((await listUserSessions(app.db.db, ws.workspaceId, { externalId: "alice", cursor: "garbage" })).rows).toEqual(first.rows);
  });
});
