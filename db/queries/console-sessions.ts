import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import type { PortalSessionRow } from "@/db/queries/portal-sessions";
import { portalConfigs, portalSessions } from "@/db/schema";

export type UserSessionRow = { session: PortalSessionRow; portalName: string; portalSlug: string };

/**
 * One end user's portal sessions in a workspace, newest first, a keyset page on (created_at, id)
 * after `after` (limit + 1 rows, so the caller knows whether there is more). Along
 * `portal_sessions_workspace_external_idx`: an end user has few sessions, sorted in memory.
 */
export async function listUserSessionsPage(
  db: Db | Tx,
  p: { workspaceId: string; externalId: string; after?: { createdAt: number; id: string }; limit: number },
): Promise<UserSessionRow[]> {
  return db
    .select({ session: portalSessions, portalName: portalConfigs.displayName, portalSlug: portalConfigs.slug })
    .from(portalSessions)
    .innerJoin(portalConfigs, and(eq(portalConfigs.id, portalSessions.portalId), eq(portalConfigs.workspaceId, portalSessions.workspaceId)))
    .where(
      and(
        eq(portalSessions.workspaceId, p.workspaceId),
        eq(portalSessions.externalId, p.externalId),
        p.after ? sql`(${portalSessions.createdAt}, ${portalSessions.id}) < (${p.after.createdAt}::bigint, ${p.after.id})` : undefined,
      ),
    )
    .orderBy(desc(portalSessions.createdAt), desc(portalSessions.id))
    .limit(p.limit + 1);
}
