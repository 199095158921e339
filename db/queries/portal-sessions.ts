import "server-only";
import { and, desc, eq, gt, inArray, isNotNull, isNull, lt, or, type Placeholder, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { liveApiIdsColumn, type PortalConfigRow } from "@/db/queries/portal-configs";
import { portalConfigs, portalExchangeFailures, portalSessions } from "@/db/schema";

export type PortalSessionRow = typeof portalSessions.$inferSelect;

export async function insertPortalSession(db: Db | Tx, row: typeof portalSessions.$inferInsert) {
  await db.insert(portalSessions).values(row);
}

/** Any row with this code hash, whatever its state (the exchange decides what to answer). */
export async function findSessionByCodeHash(db: Db | Tx, codeHash: string): Promise<PortalSessionRow | undefined> {
  const rows = await db.select().from(portalSessions).where(eq(portalSessions.codeHash, codeHash)).limit(1);
  return rows[0];
}

/**
 * The one redemption of a code (docs/sessions.md "Exchange"). A single conditional UPDATE: of any number of
 * parallel attempts exactly one matches `exchanged_at IS NULL`; the others get no row back.
 */
export async function redeemCode(
  db: Db | Tx,
  codeHash: string,
  at: number,
  set: { tokenHash: string; expiresAt: number; idleExpiresAt: number | null },
): Promise<PortalSessionRow | undefined> {
  const rows = await db
    .update(portalSessions)
    .set({ exchangedAt: at, lastSeenAt: at, tokenHash: set.tokenHash, expiresAt: set.expiresAt, idleExpiresAt: set.idleExpiresAt })
    .where(
      and(
        eq(portalSessions.codeHash, codeHash),
        isNull(portalSessions.exchangedAt),
        isNull(portalSessions.revokedAt),
        gt(portalSessions.codeExpiresAt, at),
      ),
    )
    .returning();
  return rows[0];
}

/** SQL condition: an exchanged session that is neither revoked nor past its hard or idle end. */
export function liveAt(at: number | Placeholder) {
  return and(
    isNotNull(portalSessions.exchangedAt),
    isNull(portalSessions.revokedAt),
    gt(portalSessions.expiresAt, at),
    or(isNull(portalSessions.idleExpiresAt), gt(portalSessions.idleExpiresAt, at)),
  );
}

/** Live sessions among these token hashes (to prune dead entries from a browser's seal). */
export async function findLiveSessionsByTokenHashes(db: Db | Tx, tokenHashes: string[], at: number): Promise<PortalSessionRow[]> {
  if (tokenHashes.length === 0) return [];
  return db
    .select()
    .from(portalSessions)
    .where(and(inArray(portalSessions.tokenHash, tokenHashes), liveAt(at)));
}

export async function listSessionsOfWorkspace(
  db: Db | Tx,
  workspaceId: string,
  filter: { externalId?: string; portalIds?: string[] },
): Promise<PortalSessionRow[]> {
  return db
    .select()
    .from(portalSessions)
    .where(
      and(
        eq(portalSessions.workspaceId, workspaceId),
        filter.externalId === undefined ? undefined : eq(portalSessions.externalId, filter.externalId),
        filter.portalIds === undefined ? undefined : inArray(portalSessions.portalId, filter.portalIds),
      ),
    )
    .orderBy(desc(portalSessions.createdAt), desc(portalSessions.id))
    .limit(1000);
}

/** SQL condition: a session that could still be used — an unexpired code or a live exchanged session. */
function endableAt(at: number) {
  return and(
    isNull(portalSessions.revokedAt),
    or(and(isNull(portalSessions.exchangedAt), gt(portalSessions.codeExpiresAt, at)), liveAt(at)),
  );
}

/** Marks every not-yet-revoked session of one end user revoked (their identity is being deleted). */
export async function revokeAllSessionsOf(db: Db | Tx, workspaceId: string, externalId: string, at: number): Promise<void> {
  await db
    .update(portalSessions)
    .set({ revokedAt: at })
    .where(and(eq(portalSessions.workspaceId, workspaceId), eq(portalSessions.externalId, externalId), isNull(portalSessions.revokedAt)));
}

/**
 * Revokes the still-usable sessions matching the filter (pending codes included) and returns their
 * ids. Scoped by workspace; `portalIds` narrows to the portals the caller may manage.
 */
export async function revokeSessions(
  db: Db | Tx,
  workspaceId: string,
  filter: { sessionId?: string; externalId?: string; portalIds?: string[] },
  at: number,
): Promise<{ id: string; portalId: string; externalId: string }[]> {
  return db
    .update(portalSessions)
    .set({ revokedAt: at })
    .where(
      and(
        eq(portalSessions.workspaceId, workspaceId),
        filter.sessionId === undefined ? undefined : eq(portalSessions.id, filter.sessionId),
        filter.externalId === undefined ? undefined : eq(portalSessions.externalId, filter.externalId),
        filter.portalIds === undefined ? undefined : inArray(portalSessions.portalId, filter.portalIds),
        endableAt(at),
      ),
    )
    .returning({ id: portalSessions.id, portalId: portalSessions.portalId, externalId: portalSessions.externalId });
}

/** Ends one session (logout). */
export async function revokeSessionById(db: Db | Tx, workspaceId: string, sessionId: string, at: number): Promise<void> {
  await db
    .update(portalSessions)
    .set({ revokedAt: at })
    .where(and(eq(portalSessions.id, sessionId), eq(portalSessions.workspaceId, workspaceId), isNull(portalSessions.revokedAt)));
}

/** Counts one failed redemption for an address in its minute window; returns the window's count. */
export async function countExchangeFailure(db: Db | Tx, address: string, windowStart: number): Promise<number> {
  const rows = await db
    .insert(portalExchangeFailures)
    .values({ address, windowStart, failures: 1 })
    .onConflictDoUpdate({
      target: [portalExchangeFailures.address, portalExchangeFailures.windowStart],
      set: { failures: sql`${portalExchangeFailures.failures} + 1` },
    })
    .returning({ failures: portalExchangeFailures.failures });
  return rows[0]?.failures ?? 1;
}

/** Drops counters of windows that ended before `before`. */
export async function pruneExchangeFailures(db: Db | Tx, before: number): Promise<void> {
  await db.delete(portalExchangeFailures).where(lt(portalExchangeFailures.windowStart, before));
}

export type TouchedSession = { session: PortalSessionRow; portal: PortalConfigRow; apiIds: string[] };

/**
 * The hot path of every portal request, in one statement (one round trip): checks a session by its
 * token hash and records the visit (`last_seen_at` moves to now; under the sliding policy the idle
 * end moves to now + idle, never past the hard end), then returns the session, its portal and the
 * portal's live API ids. Nothing comes back for a revoked, expired or unknown token.
 */
export async function touchSessionWithPortal(db: Db | Tx, tokenHash: string, at: number, idleMs: number): Promise<TouchedSession | undefined> {
  let query = prepared.get(db);
  if (!query) prepared.set(db, (query = prepareTouch(db)));
  const rows = await query.execute({ tokenHash, at, idleEnd: at + idleMs });
  return rows[0];
}

// Building this statement costs about as much as a round trip; it is built once per handle.
const prepared = new WeakMap<Db | Tx, ReturnType<typeof prepareTouch>>();

function prepareTouch(db: Db | Tx) {
  const at = sql.placeholder("at");
  // A data-modifying CTE runs to completion whatever the outer select returns, so the visit is
  // recorded exactly as a lone UPDATE would record it.
  const touched = db.$with("touched").as(
    db
      .update(portalSessions)
      .set({
        lastSeenAt: sql`${at}`,
        idleExpiresAt: sql`case when ${portalSessions.idleExpiresAt} is null then null else least(${sql.placeholder("idleEnd")}::bigint, ${portalSessions.expiresAt}) end`,
      })
      .where(and(eq(portalSessions.tokenHash, sql.placeholder("tokenHash")), liveAt(at)))
      .returning(),
  );
  return db
    .with(touched)
    .select({ session: touched._.selectedFields, portal: portalConfigs, apiIds: liveApiIdsColumn(db) })
    .from(touched)
    .innerJoin(portalConfigs, and(eq(portalConfigs.id, touched.portalId), eq(portalConfigs.workspaceId, touched.workspaceId)))
    .prepare("touch_portal_session");
}

/**
 * What a session (live or not) leaves behind for the page its end sends the browser to, by its token
 * hash, bound to its portal: its return URL (else the portal's default) and its locale.
 */
export async function findEndOfSession(db: Db | Tx, tokenHash: string, portalId: string): Promise<{ returnUrl?: string; locale?: string } | undefined> {
  const rows = await db
    .select({ sessionReturnUrl: portalSessions.returnUrl, portalReturnUrl: portalConfigs.returnUrl, locale: portalSessions.locale })
    .from(portalSessions)
    .innerJoin(portalConfigs, eq(portalConfigs.id, portalSessions.portalId))
    .where(and(eq(portalSessions.tokenHash, tokenHash), eq(portalSessions.portalId, portalId)))
    .limit(1);
  const row = rows[0];
  if (!row) return undefined;
  return { returnUrl: row.sessionReturnUrl ?? row.portalReturnUrl ?? undefined, locale: row.locale ?? undefined };
}
