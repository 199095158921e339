import "server-only";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { apis, keys } from "@/db/schema";

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

/** Counts of live keys stop here: past it a list says "10,000+" instead of counting a million rows. */
export const KEY_COUNT_CAP = 10_000;

/**
 * One page of a workspace's live APIs, newest first (`limit + 1` rows), each with its live keys counted
 * up to KEY_COUNT_CAP + 1 (the keys_api_created_idx range of one API, stopped early).
 */
export async function listApisPage(db: Db | Tx, workspaceId: string, page: { before?: { createdAt: number; id: string }; limit: number }) {
  // Qualified by hand: drizzle writes a one-table select's columns unqualified, and inside the subquery
  // a bare "id" would be the key's.
  const keyCount = sql<number>`(select count(*)::int from (select 1 from ${keys} as k where k.api_id = ${apis}.id and k.deleted_at is null limit ${KEY_COUNT_CAP + 1}) as capped)`;
  return db
    .select({ api: apis, keyCount })
    .from(apis)
    .where(
      and(
        eq(apis.workspaceId, workspaceId),
        isNull(apis.deletedAt),
        page.before ? sql`(${apis.createdAt}, ${apis.id}) < (${page.before.createdAt}, ${page.before.id})` : undefined,
      ),
    )
    .orderBy(desc(apis.createdAt), desc(apis.id))
    .limit(page.limit + 1);
}
