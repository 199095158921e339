import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { liveApiIdsOf, type PortalConfigRow } from "@/db/queries/portal-lookup";
import { liveAt, type PortalSessionRow } from "@/db/queries/portal-sessions";
import { portalConfigs, portalSessions } from "@/db/schema";

export type TouchedSession = { session: PortalSessionRow; portal: PortalConfigRow; apiIds: string[] };

/**
 * The hot path of every portal request, in one statement (one round trip): checks a session by its
 * token hash and records the visit (`last_seen_at` moves to now; under the sliding policy the idle
 * end moves to now + idle, never past the hard end), then returns the session, its portal and the
 * portal's live API ids. Nothing comes back for a revoked, expired or unknown token.
 */
export async function touchSessionWithPortal(db: Db | Tx, tokenHash: string, at: number, idleMs: number): Promise<TouchedSession | undefined> {
  let query = prepared.get(db);
  if (!query) prepared.set(db, (query = prepareTouch(db)));
  const rows = await query.execute({ tokenHash, at, idleEnd: at + idleMs });
  return rows[0];
}

// Building this statement costs about as much as a round trip; it is built once per handle.
const prepared = new WeakMap<Db | Tx, ReturnType<typeof prepareTouch>>();

function prepareTouch(db: Db | Tx) {
  const at = sql.placeholder("at");
  // A data-modifying CTE runs to completion whatever the outer select returns, so the visit is
  // recorded exactly as a lone UPDATE would record it.
  const touched = db.$with("touched").as(
    db
      .update(portalSessions)
      .set({
        lastSeenAt: sql`${at}`,
        idleExpiresAt: sql`case when ${portalSessions.idleExpiresAt} is null then null else least(${sql.placeholder("idleEnd")}::bigint, ${portalSessions.expiresAt}) end`,
      })
      .where(and(eq(portalSessions.tokenHash, sql.placeholder("tokenHash")), liveAt(at)))
      .returning(),
  );
  return db
    .with(touched)
    .select({ session: touched._.selectedFields, portal: portalConfigs, apiIds: liveApiIdsOf(db) })
    .from(touched)
    .innerJoin(portalConfigs, and(eq(portalConfigs.id, touched.portalId), eq(portalConfigs.workspaceId, touched.workspaceId)))
    .prepare("touch_portal_session");
}
