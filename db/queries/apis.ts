import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { apis } from "@/db/schema";

export async function insertApi(db: Db | Tx, row: typeof apis.$inferInsert) {
  await db.insert(apis).values(row);
}

/** A live API of this workspace, or undefined (ids of other workspaces are simply not found). */
export async function findApi(db: Db | Tx, workspaceId: string, apiId: string) {
  const rows = await db
    .select()
    .from(apis)
    .where(and(eq(apis.id, apiId), eq(apis.workspaceId, workspaceId), isNull(apis.deletedAt)))
    .limit(1);
  return rows[0];
}

/** Soft delete: its keys stop verifying (lookups join on a live API). */
export async function softDeleteApi(db: Db | Tx, workspaceId: string, apiId: string, at: number) {
  await db.update(apis).set({ deletedAt: at }).where(and(eq(apis.id, apiId), eq(apis.workspaceId, workspaceId)));
}
