import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { apis, portalConfigApis, portalConfigs } from "@/db/schema";

/**
 * Read-only lookups of portal configurations for the session plane. Provisioning (writes) lives in
 * db/queries/portals.ts; sessions only ever read `portal_configs` and `portal_config_apis`.
 */
export type PortalConfigRow = typeof portalConfigs.$inferSelect;

/** Exact, case-sensitive lookup by slug inside one workspace (SPEC §1). */
export async function findPortalConfigBySlug(db: Db | Tx, workspaceId: string, slug: string): Promise<PortalConfigRow | undefined> {
  const rows = await db
    .select()
    .from(portalConfigs)
    .where(and(eq(portalConfigs.slug, slug), eq(portalConfigs.workspaceId, workspaceId)))
    .limit(1);
  return rows[0];
}

/** By `pc_` id inside one workspace: an id of another workspace is simply not found. */
export async function findPortalConfigById(db: Db | Tx, workspaceId: string, portalId: string): Promise<PortalConfigRow | undefined> {
  const rows = await db
    .select()
    .from(portalConfigs)
    .where(and(eq(portalConfigs.id, portalId), eq(portalConfigs.workspaceId, workspaceId)))
    .limit(1);
  return rows[0];
}

/** The live APIs a portal covers now (an API deleted later drops out of every session at once). */
export async function findPortalApiIds(db: Db | Tx, portalId: string): Promise<string[]> {
  const rows = await db
    .select({ apiId: portalConfigApis.apiId })
    .from(portalConfigApis)
    .innerJoin(apis, and(eq(apis.id, portalConfigApis.apiId), isNull(apis.deletedAt)))
    .where(eq(portalConfigApis.portalId, portalId))
    .orderBy(asc(apis.createdAt), asc(apis.id));
  return rows.map((r) => r.apiId);
}
