import "server-only";
import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { rootKeys } from "@/db/schema";

/** Root keys are looked up by hash only; the workspace comes from the row. */
export async function findRootKeyByHash(db: Db, hash: string) {
  const rows = await db
    .select({ id: rootKeys.id, workspaceId: rootKeys.workspaceId, permissions: rootKeys.permissions, expiresAt: rootKeys.expiresAt, lastUsedAt: rootKeys.lastUsedAt })
    .from(rootKeys)
    .where(and(eq(rootKeys.hash, hash), isNull(rootKeys.deletedAt)))
    .limit(1);
  return rows[0];
}

export async function insertRootKey(db: Db | Tx, row: typeof rootKeys.$inferInsert) {
  await db.insert(rootKeys).values(row);
}

export async function listRootKeys(db: Db | Tx, workspaceId: string) {
  return db
    .select({ id: rootKeys.id, start: rootKeys.start, name: rootKeys.name, permissions: rootKeys.permissions, createdAt: rootKeys.createdAt, lastUsedAt: rootKeys.lastUsedAt })
    .from(rootKeys)
    .where(and(eq(rootKeys.workspaceId, workspaceId), isNull(rootKeys.deletedAt)))
    .orderBy(rootKeys.createdAt, rootKeys.id);
}

export async function revokeRootKey(db: Db | Tx, id: string, at: number): Promise<boolean> {
  const rows = await db
    .update(rootKeys)
    .set({ deletedAt: at })
    .where(and(eq(rootKeys.id, id), isNull(rootKeys.deletedAt)))
    .returning({ id: rootKeys.id });
  return rows.length > 0;
}

/** The workspace of a live root key (the operator revokes by key id alone). */
export async function findLiveRootKeyWorkspace(db: Db | Tx, id: string): Promise<string | undefined> {
  const rows = await db
    .select({ workspaceId: rootKeys.workspaceId })
    .from(rootKeys)
    .where(and(eq(rootKeys.id, id), isNull(rootKeys.deletedAt)))
    .limit(1);
  return rows[0]?.workspaceId;
}

/**
 * Records that a root key authenticated a request, at most once per `everyMs` (a conditional UPDATE,
 * so several processes write it once between them).
 */
export async function touchRootKeyLastUsed(db: Db | Tx, id: string, at: number, everyMs: number) {
  await db
    .update(rootKeys)
    .set({ lastUsedAt: at })
    .where(and(eq(rootKeys.id, id), or(isNull(rootKeys.lastUsedAt), lt(rootKeys.lastUsedAt, at - everyMs))));
}

/** One page of a workspace's live root keys, newest first (`limit + 1` rows): starts and names, never hashes. */
export async function listRootKeysPage(db: Db | Tx, workspaceId: string, page: { before?: { createdAt: number; id: string }; limit: number }) {
  return db
    .select({ id: rootKeys.id, start: rootKeys.start, name: rootKeys.name, permissions: rootKeys.permissions, createdAt: rootKeys.createdAt, lastUsedAt: rootKeys.lastUsedAt })
    .from(rootKeys)
    .where(
      and(
        eq(rootKeys.workspaceId, workspaceId),
        isNull(rootKeys.deletedAt),
        page.before ? sql`(${rootKeys.createdAt}, ${rootKeys.id}) < (${page.before.createdAt}, ${page.before.id})` : undefined,
      ),
    )
    .orderBy(desc(rootKeys.createdAt), desc(rootKeys.id))
    .limit(page.limit + 1);
}
