import "server-only";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { apis, portalConfigApis, portalConfigs } from "@/db/schema";

export type PortalRow = typeof portalConfigs.$inferSelect;

export async function insertPortal(db: Db | Tx, row: typeof portalConfigs.$inferInsert) {
  await db.insert(portalConfigs).values(row);
}

/**
 * A portal of this workspace by slug or `pc_` id. Exact and case-sensitive (SPEC §1): `My-Portal`
 * does not find `my-portal`, and a portal of another workspace is simply not found.
 */
export async function findPortal(db: Db | Tx, workspaceId: string, slugOrId: string): Promise<PortalRow | undefined> {
  const column = slugOrId.startsWith("pc_") ? portalConfigs.id : portalConfigs.slug;
  const rows = await db
    .select()
    .from(portalConfigs)
    .where(and(eq(column, slugOrId), eq(portalConfigs.workspaceId, workspaceId)))
    .limit(1);
  return rows[0];
}

export async function listPortals(db: Db | Tx, workspaceId: string): Promise<PortalRow[]> {
  return db.select().from(portalConfigs).where(eq(portalConfigs.workspaceId, workspaceId)).orderBy(asc(portalConfigs.createdAt), asc(portalConfigs.id));
}

export async function updatePortalRow(db: Db | Tx, workspaceId: string, portalId: string, set: Partial<typeof portalConfigs.$inferInsert>) {
  const rows = await db
    .update(portalConfigs)
    .set(set)
    .where(and(eq(portalConfigs.id, portalId), eq(portalConfigs.workspaceId, workspaceId)))
    .returning();
  return rows[0];
}

/** Deleting a portal cascades to its sessions and API links (FK on delete cascade): its sessions end. */
export async function deletePortalRow(db: Db | Tx, workspaceId: string, portalId: string): Promise<boolean> {
  const rows = await db
    .delete(portalConfigs)
    .where(and(eq(portalConfigs.id, portalId), eq(portalConfigs.workspaceId, workspaceId)))
    .returning({ id: portalConfigs.id });
  return rows.length > 0;
}

/** Live APIs a portal covers (deleted APIs drop out), oldest link first. */
export async function listPortalApiIds(db: Db | Tx, portalIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(portalIds.map((id) => [id, []]));
  if (portalIds.length === 0) return out;
  const rows = await db
    .select({ portalId: portalConfigApis.portalId, apiId: portalConfigApis.apiId })
    .from(portalConfigApis)
    .innerJoin(apis, and(eq(apis.id, portalConfigApis.apiId), isNull(apis.deletedAt)))
    .where(inArray(portalConfigApis.portalId, portalIds))
    .orderBy(asc(apis.createdAt), asc(apis.id));
  for (const r of rows) out.get(r.portalId)?.push(r.apiId);
  return out;
}

/** Replaces the set of APIs a portal covers. */
export async function setPortalApis(db: Db | Tx, portalId: string, apiIds: string[]) {
  await db.delete(portalConfigApis).where(eq(portalConfigApis.portalId, portalId));
  if (apiIds.length) await db.insert(portalConfigApis).values(apiIds.map((apiId) => ({ portalId, apiId })));
}

/** Which of `apiIds` are live APIs of this workspace. */
export async function existingApiIds(db: Db | Tx, workspaceId: string, apiIds: string[]): Promise<Set<string>> {
  if (apiIds.length === 0) return new Set();
  const rows = await db
    .select({ id: apis.id })
    .from(apis)
    .where(and(eq(apis.workspaceId, workspaceId), inArray(apis.id, apiIds), isNull(apis.deletedAt)));
  return new Set(rows.map((r) => r.id));
}
