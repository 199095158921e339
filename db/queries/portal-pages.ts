import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { portalConfigs, portalSessions } from "@/db/schema";

/**
 * Read-only lookups for the portal's explanatory pages (owned by the portal UI). They never
 * authenticate anything: they only decide where a user whose session already ended is sent.
 */

/** The return URL of a session (live or not) by its token hash, bound to its portal; else the portal's default. */
export async function findReturnUrlOfSession(db: Db | Tx, tokenHash: string, portalId: string): Promise<string | undefined> {
  const rows = await db
    .select({ sessionReturnUrl: portalSessions.returnUrl, portalReturnUrl: portalConfigs.returnUrl })
    .from(portalSessions)
    .innerJoin(portalConfigs, eq(portalConfigs.id, portalSessions.portalId))
    .where(and(eq(portalSessions.tokenHash, tokenHash), eq(portalSessions.portalId, portalId)))
    .limit(1);
  const row = rows[0];
  return row?.sessionReturnUrl ?? row?.portalReturnUrl ?? undefined;
}

/**
 * Public face of a portal for the signed-out pages: display name, logo, colour, default return link.
 * Only enabled portals answer; a `pc_` id is random, and these fields are what the portal shows anyway.
 */
export async function findPortalFaceById(db: Db | Tx, portalId: string) {
  const rows = await db
    .select({
      displayName: portalConfigs.displayName,
      logoUrl: portalConfigs.logoUrl,
      primaryColor: portalConfigs.primaryColor,
      returnUrl: portalConfigs.returnUrl,
    })
    .from(portalConfigs)
    .where(and(eq(portalConfigs.id, portalId), eq(portalConfigs.enabled, true)))
    .limit(1);
  return rows[0];
}
