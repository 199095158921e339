import "server-only";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { apis, portalConfigApis, portalConfigs } from "@/db/schema";

/**
 * Portal configurations: what operators provision (writes) and what the session plane reads. Every
 * lookup is scoped to one workspace — a portal of another workspace is simply not found — except
 * the public face of the signed-out pages, which shows only what the portal shows anyway.
 */
export type PortalConfigRow = typeof portalConfigs.$inferSelect;

/** How a caller names a portal: its `pc_` id, or its slug (exact and case-sensitive; docs/api.md). */
export type PortalRef = { id: string } | { slug: string };

/** A `pc_…` string is an id (no slug can contain `_`), anything else a slug. */
export function portalRef(slugOrId: string): PortalRef {
  return slugOrId.startsWith("pc_") ? { id: slugOrId } : { slug: slugOrId };
}

export async function insertPortalConfig(db: Db | Tx, row: typeof portalConfigs.$inferInsert) {
  await db.insert(portalConfigs).values(row);
}

/** A portal of this workspace by slug or `pc_` id: `My-Portal` does not find `my-portal`. */
export async function findPortalConfig(db: Db | Tx, workspaceId: string, slugOrId: string): Promise<PortalConfigRow | undefined> {
  const ref = portalRef(slugOrId);
  const rows = await db
    .select()
    .from(portalConfigs)
    .where(and("id" in ref ? eq(portalConfigs.id, ref.id) : eq(portalConfigs.slug, ref.slug), eq(portalConfigs.workspaceId, workspaceId)))
    .limit(1);
  return rows[0];
}

export async function listPortalConfigs(db: Db | Tx, workspaceId: string): Promise<PortalConfigRow[]> {
  return db.select().from(portalConfigs).where(eq(portalConfigs.workspaceId, workspaceId)).orderBy(asc(portalConfigs.createdAt), asc(portalConfigs.id));
}

/** The ids of every portal of a workspace. */
export async function listPortalConfigIds(db: Db | Tx, workspaceId: string): Promise<string[]> {
  const rows = await db.select({ id: portalConfigs.id }).from(portalConfigs).where(eq(portalConfigs.workspaceId, workspaceId));
  return rows.map((r) => r.id);
}

export async function updatePortalConfig(db: Db | Tx, workspaceId: string, portalId: string, set: Partial<typeof portalConfigs.$inferInsert>) {
  const rows = await db
    .update(portalConfigs)
    .set(set)
    .where(and(eq(portalConfigs.id, portalId), eq(portalConfigs.workspaceId, workspaceId)))
    .returning();
  return rows[0];
}

/** Deleting a portal cascades to its sessions and API links (FK on delete cascade): its sessions end. */
export async function deletePortalConfig(db: Db | Tx, workspaceId: string, portalId: string): Promise<boolean> {
  const rows = await db
    .delete(portalConfigs)
    .where(and(eq(portalConfigs.id, portalId), eq(portalConfigs.workspaceId, workspaceId)))
    .returning({ id: portalConfigs.id });
  return rows.length > 0;
}

/** The live APIs each portal covers (an API deleted later drops out of every session at once), oldest link first. */
export async function liveApiIdsByPortal(db: Db | Tx, portalIds: string[]): Promise<Map<string, string[]>> {
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

/** The same list as liveApiIdsByPortal, as one `text[]` column of a query over portal_configs. */
export function liveApiIdsColumn(db: Db | Tx) {
  const ids = db
    .select({ apiId: portalConfigApis.apiId })
    .from(portalConfigApis)
    .innerJoin(apis, and(eq(apis.id, portalConfigApis.apiId), isNull(apis.deletedAt)))
    .where(eq(portalConfigApis.portalId, portalConfigs.id))
    .orderBy(asc(apis.createdAt), asc(apis.id));
  return sql<string[]>`array(${ids})`;
}

/**
 * A portal of one workspace with its live API ids, in one round trip (createSession's lookup); the
 * statement is prepared once per kind of ref and handle.
 */
export async function findPortalConfigWithApiIds(db: Db, workspaceId: string, ref: PortalRef): Promise<{ portal: PortalConfigRow; apiIds: string[] } | undefined> {
  const kind = "id" in ref ? "id" : "slug";
  let forDb = preparedLookups.get(db);
  if (!forDb) preparedLookups.set(db, (forDb = new Map()));
  let query = forDb.get(kind);
  if (!query) forDb.set(kind, (query = preparePortalLookup(db, kind)));
  const rows = await query.execute({ workspaceId, ref: "id" in ref ? ref.id : ref.slug });
  return rows[0];
}

const preparedLookups = new WeakMap<Db, Map<"id" | "slug", ReturnType<typeof preparePortalLookup>>>();

function preparePortalLookup(db: Db, kind: "id" | "slug") {
  return db
    .select({ portal: portalConfigs, apiIds: liveApiIdsColumn(db) })
    .from(portalConfigs)
    .where(and(eq(kind === "id" ? portalConfigs.id : portalConfigs.slug, sql.placeholder("ref")), eq(portalConfigs.workspaceId, sql.placeholder("workspaceId"))))
    .limit(1)
    .prepare(`portal_with_api_ids_by_${kind}`);
}

/** Replaces the set of APIs a portal covers. */
export async function setPortalConfigApis(db: Db | Tx, portalId: string, apiIds: string[]) {
  await db.delete(portalConfigApis).where(eq(portalConfigApis.portalId, portalId));
  if (apiIds.length) await db.insert(portalConfigApis).values(apiIds.map((apiId) => ({ portalId, apiId })));
}

/** Takes an API out of every portal that covered it (the API is being deleted). */
export async function unlinkApiFromPortals(db: Db | Tx, apiId: string): Promise<void> {
  await db.delete(portalConfigApis).where(eq(portalConfigApis.apiId, apiId));
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

/**
 * Public face of a portal for the pages shown without a session (the landing page, the "ended"
 * pages): display name, logo, colour, default return link, and whether it is enabled. A disabled
 * portal answers too: a preview link lands there (docs/sessions.md), and its "unavailable" page still
 * names it. A `pc_` id is random, and these fields are what the portal shows anyway.
 */
export async function findPortalFaceById(db: Db | Tx, portalId: string) {
  const rows = await db
    .select({
      displayName: portalConfigs.displayName,
      logoUrl: portalConfigs.logoUrl,
      primaryColor: portalConfigs.primaryColor,
      returnUrl: portalConfigs.returnUrl,
      enabled: portalConfigs.enabled,
    })
    .from(portalConfigs)
    .where(eq(portalConfigs.id, portalId))
    .limit(1);
  return rows[0];
}

/**
 * The origins allowed to frame a portal, by id alone (the framing headers of its pages, which every
 * visitor sees anyway); undefined for an unknown id. Disabled portals answer too: their pages still
 * render the "unavailable" message inside the customer's frame.
 */
export async function findEmbedOriginsById(db: Db | Tx, portalId: string): Promise<string[] | undefined> {
  const rows = await db.select({ embedOrigins: portalConfigs.embedOrigins }).from(portalConfigs).where(eq(portalConfigs.id, portalId)).limit(1);
  return rows[0]?.embedOrigins;
}
