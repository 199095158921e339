import "server-only";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
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

/** The portal's live APIs as one `text[]` column of a query over portal_configs (findPortalApiIds's order). */
export function liveApiIdsOf(db: Db | Tx) {
  const ids = db
    .select({ apiId: portalConfigApis.apiId })
    .from(portalConfigApis)
    .innerJoin(apis, and(eq(apis.id, portalConfigApis.apiId), isNull(apis.deletedAt)))
    .where(eq(portalConfigApis.portalId, portalConfigs.id))
    .orderBy(asc(apis.createdAt), asc(apis.id));
  return sql<string[]>`array(${ids})`;
}

/**
 * A portal of one workspace by `pc_` id or exact slug, with its live API ids: what createSession
 * needs, in one round trip; the statement is built once per kind and handle.
 */
export async function findPortalWithApiIds(db: Db, workspaceId: string, by: { id: string } | { slug: string }): Promise<{ portal: PortalConfigRow; apiIds: string[] } | undefined> {
  const kind = "id" in by ? "id" : "slug";
  let forDb = preparedLookups.get(db);
  if (!forDb) preparedLookups.set(db, (forDb = new Map()));
  let query = forDb.get(kind);
  if (!query) forDb.set(kind, (query = preparePortalLookup(db, kind)));
  const rows = await query.execute({ workspaceId, ref: "id" in by ? by.id : by.slug });
  return rows[0];
}

const preparedLookups = new WeakMap<Db, Map<"id" | "slug", ReturnType<typeof preparePortalLookup>>>();

function preparePortalLookup(db: Db, kind: "id" | "slug") {
  return db
    .select({ portal: portalConfigs, apiIds: liveApiIdsOf(db) })
    .from(portalConfigs)
    .where(and(eq(kind === "id" ? portalConfigs.id : portalConfigs.slug, sql.placeholder("ref")), eq(portalConfigs.workspaceId, sql.placeholder("workspaceId"))))
    .limit(1)
    .prepare(`portal_with_api_ids_by_${kind}`);
}
