import "server-only";
import { getDb } from "@/db/client";
import { findPortalFaceById } from "@/db/queries/portal-configs";
import { PORTAL_ID } from "@/lib/portal-sessions/portal-id";

export type PortalFace = NonNullable<Awaited<ReturnType<typeof findPortalFaceById>>>;

/** The public face of the portal a page without a session names; undefined for an id of no portal, or not shaped like one. */
export async function portalFace(portalId: string): Promise<PortalFace | undefined> {
  if (!PORTAL_ID.test(portalId)) return undefined;
  return findPortalFaceById(await getDb(), portalId);
}
