import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { PGlite } from "@electric-sql/pglite";
import type { Sql } from "postgres";
import type { Db, DbHandle } from "@/db/client";
import { liveApiIdsByPortal } from "@/db/queries/portal-configs";
import * as schema from "@/db/schema";
import { apis, portalConfigs, portalSessions } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import { advanceClock, now, resetClock } from "@/lib/clock";
import { sha256 } from "@/lib/crypto/secrets";
import { newId } from "@/lib/ids";
import { resolveSessionByToken } from "@/lib/portal-sessions/resolve-session";
import { FIXED_TTL_MS, IDLE_TTL_MS, lifetimeAtExchange, SLIDING_CAP_MS } from "@/lib/portal-sessions/session-policy";
import { seedApi, seedPortal } from "@/lib/testing/portal-fixtures";
import { seedWorkspace } from "@/lib/testing/fixtures";
import { BACKENDS, openTestDatabase } from "@/lib/testing/test-db";

const HOUR = 3600_000;
const DISABLED_DETAIL = "This portal is disabled. Ask the company that sent you here to enable it, then open a new link.";

/** The ApiError a call rejects with (fails the test if it resolves or throws something else). */
async function apiErrorOf(promise: Promise<unknown>): Promise<ApiError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

/**
 * A second drizzle instance over the handle's own connection that counts the statements sent
 * through it: each awaited statement is one round trip to the database.
 */
async function countingDb(handle: DbHandle): Promise<{ db: Db; statements: number }> {
  const counted = { db: handle.db, statements: 0 };
  const logger = { logQuery: () => void counted.statements++ };
  const client = (handle.db as unknown as { $client: unknown }).$client;
  if (handle.kind === "pglite") {
    const { drizzle } = await import("drizzle-orm/pglite");
    counted.db = drizzle(client as PGlite, { schema, logger }) as unknown as Db;
  } else {
    const { drizzle } = await import("drizzle-orm/postgres-js");
    counted.db = drizzle(client as Sql, { schema, logger }) as unknown as Db;
  }
  return counted;
}

/** Verb-level tests of the hot path every portal request and page render runs. */
describe.each(BACKENDS)("resolveSessionByToken on %s", (backend) => {
  let handle: DbHandle;
  let db: Db;
  let workspaceId: string;
  let apiId: string;
  let fixedPortal: string;
  let slidingPortal: string;

  beforeAll(async () => {
    handle = await openTestDatabase(backend);
    db = handle.db;
    ({ workspaceId } = await seedWorkspace());
    apiId = await seedApi(workspaceId);
    fixedPortal = await seedPortal(workspaceId, { slug: "fixed", apiIds: [apiId], returnUrl: "https://acme.example/account" });
    slidingPortal = await seedPortal(workspaceId, { slug: "sliding", apiIds: [apiId], sessionPolicy: "sliding" });
  });
  afterAll(() => handle.close());
  afterEach(() => resetClock());

  /** An exchanged session, inserted directly (the exchange has its own tests); returns its token. */
  async function liveSession(portalId: string, options: { preview?: boolean; sliding?: boolean; returnUrl?: string } = {}) {
    const token = `pat_${newId("ps").slice(3)}${newId("ps").slice(3)}`;
    const id = newId("ps");
    const at = now();
    await db.insert(portalSessions).values({
      id,
      workspaceId,
      portalId,
      externalId: "user_1",
      permissions: [`api.${apiId}.read_key`],
      returnUrl: options.returnUrl ?? null,
      preview: options.preview ?? false,
      createdBy: "test",
      codeHash: sha256(token + "code"),
      codeExpiresAt: at,
      tokenHash: sha256(token),
      exchangedAt: at,
      lastSeenAt: at,
      createdAt: at,
      ...lifetimeAtExchange(options.sliding ? "sliding" : "fixed", at),
    });
    return { id, token, at };
  }

  async function rowOf(id: string) {
    const [row] = await db.select().from(portalSessions).where(eq(portalSessions.id, id));
    return row;
  }

  it("answers in one database statement: the session, its portal and the portal's API ids", async () => {
    const s = await liveSession(fixedPortal);
    const counted = await countingDb(handle);
    const session = await resolveSessionByToken(counted.db, s.token, "bearer");
    expect(counted.statements).toBe(1);
    expect(session).toEqual({
      kind: "portal",
      sessionId: s.id,
      workspaceId,
      portalId: fixedPortal,
      externalId: "user_1",
      actor: { type: "portal_user", id: "user_1" },
      permissions: [`api.${apiId}.read_key`],
      preview: false,
      theme: "system",
      intent: "keys",
      returnUrl: "https://acme.example/account",
      expiresAt: s.at + FIXED_TTL_MS,
      absoluteExpiresAt: s.at + FIXED_TTL_MS,
      via: "bearer",
      portal: {
        id: fixedPortal,
        slug: "fixed",
        displayName: "Acme Developer Portal",
        primaryColor: "#3355ff",
        sessionPolicy: "fixed",
        maxKeys: 20,
        keyTemplate: {},
        enabled: true,
        showKeyMeta: false,
        embedOrigins: [],
        apiIds: [apiId],
      },
    });
    // Times come back as numbers on both drivers (postgres.js hands bigint over as a string).
    expect(typeof session.expiresAt).toBe("number");
  });

  it("the session's own return URL wins over the portal's default", async () => {
    const s = await liveSession(fixedPortal, { returnUrl: "https://acme.example/mine" });
    expect((await resolveSessionByToken(db, s.token, "token-cookie")).returnUrl).toBe("https://acme.example/mine");
  });

  it("dead tokens (unknown, malformed, revoked, past the hard end, idle too long, never exchanged) → portal_session_not_found in one statement", async () => {
    const revoked = await liveSession(fixedPortal);
    await db.update(portalSessions).set({ revokedAt: now() }).where(eq(portalSessions.id, revoked.id));
    const pending = await liveSession(fixedPortal);
    await db.update(portalSessions).set({ exchangedAt: null }).where(eq(portalSessions.id, pending.id));
    const fixed = await liveSession(fixedPortal);
    const sliding = await liveSession(slidingPortal, { sliding: true });
    // [token, statements]: a token not shaped like one is refused before the database; the rest in one.
    const dead = { unknown: ["pat_unknown0000000000000000", 1], malformed: ["not-a-token", 0], revoked: [revoked.token, 1], pending: [pending.token, 1] } as const;
    for (const [name, [token, statements]] of Object.entries(dead)) {
      const counted = await countingDb(handle);
      const err = await apiErrorOf(resolveSessionByToken(counted.db, token, "bearer"));
      expect(err.code, name).toBe("unkey/authentication/portal_session_not_found");
      expect(counted.statements, name).toBe(statements);
    }
    advanceClock(IDLE_TTL_MS + 1000);
    for (const token of [fixed.token, sliding.token]) {
      expect((await apiErrorOf(resolveSessionByToken(db, token, "bearer"))).code).toBe("unkey/authentication/portal_session_not_found");
    }
    // A refused token records no visit.
    expect((await rowOf(revoked.id))?.lastSeenAt).toBe(revoked.at);
    expect((await rowOf(sliding.id))?.lastSeenAt).toBe(sliding.at);
  });

  it("sliding: each call moves last_seen_at and the idle end (never past the hard end); fixed keeps no idle end", async () => {
    const s = await liveSession(slidingPortal, { sliding: true });
    advanceClock(5 * HOUR);
    const before = now();
    const first = await resolveSessionByToken(db, s.token, "sealed-cookie");
    let row = await rowOf(s.id);
    expect(row?.lastSeenAt).toBeGreaterThanOrEqual(before);
    expect(row?.lastSeenAt).toBeLessThanOrEqual(now());
    expect(row?.idleExpiresAt).toBe((row?.lastSeenAt ?? 0) + IDLE_TTL_MS);
    expect(first.expiresAt).toBe(row?.idleExpiresAt);
    expect(first.absoluteExpiresAt).toBe(s.at + SLIDING_CAP_MS);
    // Active every 23 h up to 166 h: the idle end would be 190 h, it stops at the 168 h hard end.
    let late = first;
    for (let i = 0; i < 7; i++) {
      advanceClock(23 * HOUR);
      late = await resolveSessionByToken(db, s.token, "sealed-cookie");
    }
    row = await rowOf(s.id);
    expect(row?.idleExpiresAt).toBe(s.at + SLIDING_CAP_MS);
    expect(late.expiresAt).toBe(s.at + SLIDING_CAP_MS);

    const f = await liveSession(fixedPortal);
    advanceClock(HOUR);
    const seenFrom = now();
    await resolveSessionByToken(db, f.token, "bearer");
    const seenTo = now();
    expect(await rowOf(f.id)).toMatchObject({ lastSeenAt: expect.toSatisfy((t: number) => t >= seenFrom && t <= seenTo), idleExpiresAt: null, expiresAt: f.at + FIXED_TTL_MS });
  });

  it("apiIds: the portal's live APIs, oldest first then by id, exactly as liveApiIdsByPortal lists them", async () => {
    const at = now();
    const ids = { newest: newId("api"), tieA: `api_A${newId("api").slice(5)}`, tieB: `api_B${newId("api").slice(5)}`, deleted: newId("api"), oldest: newId("api") };
    await db.insert(apis).values([
      { id: ids.newest, workspaceId, name: "newest", createdAt: at + 30 },
      { id: ids.tieB, workspaceId, name: "tie b", createdAt: at + 20 },
      { id: ids.tieA, workspaceId, name: "tie a", createdAt: at + 20 },
      { id: ids.deleted, workspaceId, name: "deleted", createdAt: at + 10, deletedAt: at + 40 },
      { id: ids.oldest, workspaceId, name: "oldest", createdAt: at },
    ]);
    const portal = await seedPortal(workspaceId, { slug: "many-apis", apiIds: Object.values(ids) });
    const s = await liveSession(portal);
    const { portal: view } = await resolveSessionByToken(db, s.token, "bearer");
    expect(view.apiIds).toEqual([ids.oldest, ids.tieA, ids.tieB, ids.newest]);
    expect(view.apiIds).toEqual((await liveApiIdsByPortal(db, [portal])).get(portal));
    // An API deleted now drops out of the very next request.
    await db.update(apis).set({ deletedAt: now() }).where(eq(apis.id, ids.tieA));
    expect((await resolveSessionByToken(db, s.token, "bearer")).portal.apiIds).toEqual([ids.oldest, ids.tieB, ids.newest]);

    const empty = await seedPortal(workspaceId, { slug: "no-apis", apiIds: [] });
    expect((await resolveSessionByToken(db, (await liveSession(empty)).token, "bearer")).portal.apiIds).toEqual([]);
  });

  it("a disabled portal → 403 forbidden with the same detail; a preview session keeps working there", async () => {
    const portal = await seedPortal(workspaceId, { slug: "disabled", apiIds: [apiId] });
    const normal = await liveSession(portal);
    const preview = await liveSession(portal, { preview: true });
    await db.update(portalConfigs).set({ enabled: false }).where(eq(portalConfigs.id, portal));
    const counted = await countingDb(handle);
    const err = await apiErrorOf(resolveSessionByToken(counted.db, normal.token, "bearer"));
    expect(counted.statements).toBe(1);
    expect([err.code, err.status, err.detail]).toEqual(["unkey/authorization/forbidden", 403, DISABLED_DETAIL]);
    const seen = await resolveSessionByToken(db, preview.token, "bearer");
    expect(seen).toMatchObject({ sessionId: preview.id, preview: true, portal: { id: portal, enabled: false, apiIds: [apiId] } });
  });
});
