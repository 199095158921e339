import "server-only";
import { cache } from "react";
import { getDb } from "@/db/client";
import { findApi } from "@/db/queries/apis";
import type { PortalSessionContext } from "@/lib/portal-sessions/session-context";

export type PortalApi = { id: string; name: string; prefix?: string };

/** Names and prefixes of the APIs the session's portal covers (for the create dialog and the docs tab). */
export const portalApis = cache(async (session: PortalSessionContext): Promise<PortalApi[]> => {
  const db = await getDb();
  const rows = await Promise.all(session.portal.apiIds.map((id) => findApi(db, session.workspaceId, id)));
  return rows.flatMap((r) => (r ? [{ id: r.id, name: r.name, prefix: r.prefix ?? undefined }] : []));
});
