import "server-only";
import type { Db } from "@/db/client";
import { countLiveSessionsByPortal, listLiveApis, listPortalConfigsBySlug } from "@/db/queries/console-portals";
import { liveApiIdsByPortal } from "@/db/queries/portal-configs";
import { now } from "@/lib/clock";
import { requireWorkspace } from "@/lib/workspaces/require-workspace";

export const PORTALS_PAGE_SIZE = 50;

export type PortalListRow = {
  portalId: string;
  slug: string;
  displayName: string;
  enabled: boolean;
  apis: { id: string; name: string }[];
  embedOrigins: number;
  liveSessions: number;
};

/**
 * One page of the console's portal list (docs/console.md "Portals"), in slug order: each portal's
 * APIs by name, how many origins may frame it and how many sessions are live now. `next` is the
 * slug to continue after, when there may be more.
 */
export async function listPortalPage({ db, workspaceId, after, limit = PORTALS_PAGE_SIZE }: { db: Db; workspaceId: string; after?: string; limit?: number }): Promise<{ rows: PortalListRow[]; next?: string }> {
  await requireWorkspace(db, workspaceId);
  const page = await listPortalConfigsBySlug(db, workspaceId, { after, limit: limit + 1 });
  const rows = page.slice(0, limit);
  const ids = rows.map((r) => r.id);
  const [apiIds, sessions, apis] = await Promise.all([liveApiIdsByPortal(db, ids), countLiveSessionsByPortal(db, workspaceId, ids, now()), listLiveApis(db, workspaceId, 1000)]);
  const nameOf = new Map(apis.map((a) => [a.id, a.name]));
  return {
    rows: rows.map((r) => ({
      portalId: r.id,
      slug: r.slug,
      displayName: r.displayName,
      enabled: r.enabled,
      apis: (apiIds.get(r.id) ?? []).map((id) => ({ id, name: nameOf.get(id) ?? id })),
      embedOrigins: r.embedOrigins.length,
      liveSessions: sessions.get(r.id) ?? 0,
    })),
    next: page.length > limit ? rows.at(-1)?.slug : undefined,
  };
}
