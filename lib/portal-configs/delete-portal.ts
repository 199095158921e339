import "server-only";
import type { Db } from "@/db/client";
import { deletePortalConfig } from "@/db/queries/portal-configs";
import { type Actor, writeAudit } from "@/lib/audit/write-audit";
import { forgetEmbedOrigins } from "@/lib/portal-configs/embed-origins-cache";
import { requirePortal } from "@/lib/portal-configs/require-portal";
import { loadPortalConfig } from "@/lib/portal-configs/to-portal-config";

/**
 * Deletes a portal configuration and returns what it was. Its sessions go with it (FK cascade),
 * so every session and unredeemed code of the portal stops working at once (docs/sessions.md).
 */
export async function deletePortal({ db, input, actor }: { db: Db; input: { workspaceId: string; portal: string }; actor: Actor }) {
  const config = await db.transaction(async (tx) => {
    const row = await requirePortal(tx, input.workspaceId, input.portal);
    const config = await loadPortalConfig(tx, row);
    await deletePortalConfig(tx, input.workspaceId, row.id);
    await writeAudit(tx, { workspaceId: input.workspaceId, actor, event: "portal.delete", resourceId: row.id, meta: { slug: row.slug } });
    return config;
  });
  forgetEmbedOrigins(config.portalId);
  return config;
}
