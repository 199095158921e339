import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { rootKeys } from "@/db/schema";

/** Root keys are looked up by hash only; the workspace comes from the row. */
export async function findRootKeyByHash(db: Db, hash: string) {
  const rows = await db
    .select({ id: rootKeys.id, workspaceId: rootKeys.workspaceId, permissions: rootKeys.permissions, expiresAt: rootKeys.expiresAt })
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
    .select({ id: rootKeys.id, start: rootKeys.start, name: rootKeys.name, permissions: rootKeys.permissions, createdAt: rootKeys.createdAt })
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
