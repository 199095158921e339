import "server-only";
import { and, asc, count, eq, gt, inArray, isNull } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { liveAt } from "@/db/queries/portal-sessions";
import { apis, portalConfigs, portalSessions } from "@/db/schema";
import type { PortalConfigRow } from "@/db/queries/portal-configs";

/**
 * What the console's portal pages read besides the portal verbs (docs/console.md "Portals"): a
 * page of a workspace's portals in slug order, how many live sessions each has, and the
 * workspace's APIs for the form's picker. Every query is scoped by workspace.
 */

/** Up to `limit` portals of the workspace whose slug sorts after `after` (slugs are unique per workspace). */
export async function listPortalConfigsBySlug(db: Db | Tx, workspaceId: string, { after, limit }: { after?: string; limit: number }): Promise<PortalConfigRow[]> {
  return db
    .select()
    .from(portalConfigs)
    .where(and(eq(portalConfigs.workspaceId, workspaceId), after === undefined ? undefined : gt(portalConfigs.slug, after)))
    .orderBy(asc(portalConfigs.slug))
    .limit(limit);
}

/** Live (exchanged, not revoked, not expired) sessions per portal, for these portals of the workspace. */
export async function countLiveSessionsByPortal(db: Db | Tx, workspaceId: string, portalIds: string[], at: number): Promise<Map<string, number>> {
  const out = new Map<string, number>(portalIds.map((id) => [id, 0]));
  if (portalIds.length === 0) return out;
  const rows = await db
    .select({ portalId: portalSessions.portalId, n: count() })
    .from(portalSessions)
    .where(and(eq(portalSessions.workspaceId, workspaceId), inArray(portalSessions.portalId, portalIds), liveAt(at)))
    .groupBy(portalSessions.portalId);
  for (const r of rows) out.set(r.portalId, Number(r.n));
  return out;
}

export type WorkspaceApi = { id: string; name: string; prefix?: string };

/** The workspace's live APIs, oldest first, at most `limit` (a portal covers at most 50 of them). */
export async function listLiveApis(db: Db | Tx, workspaceId: string, limit: number): Promise<WorkspaceApi[]> {
  const rows = await db
    .select({ id: apis.id, name: apis.name, prefix: apis.prefix })
    .from(apis)
    .where(and(eq(apis.workspaceId, workspaceId), isNull(apis.deletedAt)))
    .orderBy(asc(apis.createdAt), asc(apis.id))
    .limit(limit);
  return rows.map((r) => ({ id: r.id, name: r.name, prefix: r.prefix ?? undefined }));
}
