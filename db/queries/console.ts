import "server-only";
import { and, eq, gt, isNull, lt, type SQL, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { consoleLinks, consoleSessions } from "@/db/schema";

export type ConsoleLinkRow = typeof consoleLinks.$inferSelect;
export type ConsoleSessionRow = typeof consoleSessions.$inferSelect;

export async function insertConsoleLink(db: Db | Tx, row: typeof consoleLinks.$inferInsert) {
  await db.insert(consoleLinks).values(row);
}

/** Any link with this code hash, whatever its state (the sign-in page decides what to say). */
export async function findConsoleLinkByCodeHash(db: Db | Tx, codeHash: string): Promise<ConsoleLinkRow | undefined> {
  const rows = await db.select().from(consoleLinks).where(eq(consoleLinks.codeHash, codeHash)).limit(1);
  return rows[0];
}

/**
 * The one redemption of a console link: a single conditional UPDATE, so of any number of parallel
 * attempts exactly one matches `used_at IS NULL` and gets the row back (docs/console.md "Signing in").
 */
export async function redeemConsoleLink(db: Db | Tx, codeHash: string, at: number): Promise<ConsoleLinkRow | undefined> {
  const rows = await db
    .update(consoleLinks)
    .set({ usedAt: at })
    .where(and(eq(consoleLinks.codeHash, codeHash), isNull(consoleLinks.usedAt), gt(consoleLinks.expiresAt, at)))
    .returning();
  return rows[0];
}

/** Links past their end by more than `keepMs` are of no use to anyone (not even to say "expired"). */
export async function pruneConsoleLinks(db: Db | Tx, before: number) {
  await db.delete(consoleLinks).where(lt(consoleLinks.expiresAt, before));
}

export async function insertConsoleSession(db: Db | Tx, row: typeof consoleSessions.$inferInsert) {
  await db.insert(consoleSessions).values(row);
}

/**
 * The live session of a token hash, its visit recorded in the same statement: the idle end moves to
 * `at + idleMs`, never past the cap. Revoked, idle-expired and capped sessions match nothing.
 */
export async function touchConsoleSession(db: Db | Tx, tokenHash: string, at: number, idleMs: number): Promise<ConsoleSessionRow | undefined> {
  const rows = await db
    .update(consoleSessions)
    .set({ lastSeenAt: at, idleExpiresAt: sql`least(${at + idleMs}::bigint, ${consoleSessions.expiresAt})` })
    .where(
      and(
        eq(consoleSessions.tokenHash, tokenHash),
        isNull(consoleSessions.revokedAt),
        gt(consoleSessions.expiresAt, at),
        gt(consoleSessions.idleExpiresAt, at),
      ),
    )
    .returning();
  return rows[0];
}

/** Which live sessions a revocation covers: every one, one workspace's, or one session. */
export type ConsoleSessionScope = { workspaceId?: string; sessionId?: string };

/** Revokes the live sessions in scope (not revoked, not past an end yet); answers the ones it revoked. */
export async function revokeConsoleSessions(db: Db | Tx, scope: ConsoleSessionScope, at: number) {
  const conds: (SQL | undefined)[] = [isNull(consoleSessions.revokedAt), gt(consoleSessions.expiresAt, at), gt(consoleSessions.idleExpiresAt, at)];
  if (scope.workspaceId !== undefined) conds.push(eq(consoleSessions.workspaceId, scope.workspaceId));
  if (scope.sessionId !== undefined) conds.push(eq(consoleSessions.id, scope.sessionId));
  return db
    .update(consoleSessions)
    .set({ revokedAt: at })
    .where(and(...conds))
    .returning({ id: consoleSessions.id, workspaceId: consoleSessions.workspaceId });
}

/** One session by id, whatever its state. */
export async function findConsoleSession(db: Db | Tx, sessionId: string): Promise<ConsoleSessionRow | undefined> {
  const rows = await db.select().from(consoleSessions).where(eq(consoleSessions.id, sessionId)).limit(1);
  return rows[0];
}
