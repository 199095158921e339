import "server-only";
import type { Db } from "@/db/client";
import { assertInScope } from "@/lib/console/portals/scope";
import { type ConsoleViewer, consoleActor } from "@/lib/console/viewer";
import { invalidInput } from "@/lib/api/errors";
import { deletePortal } from "@/lib/portal-configs/delete-portal";
import { getPortal } from "@/lib/portal-configs/get-portal";

/**
 * Delete, once the operator typed the portal's slug (the `confirm` field): the same verb as
 * portals.delete (its sessions end with it, `portal.delete` is written). A wrong confirmation is a
 * 400 naming `confirm`, and changes nothing.
 */
export async function deletePortalConfirmed({ db, viewer, workspaceId, portalId, confirmation }: { db: Db; viewer: ConsoleViewer; workspaceId: string; portalId: string; confirmation: string }): Promise<{ slug: string }> {
  assertInScope(viewer, workspaceId);
  const portal = await getPortal({ db, workspaceId, portal: portalId });
  if (confirmation.trim() !== portal.slug) {
    throw invalidInput("confirm", `Type the portal's slug, ${portal.slug}, to delete it.`, `Type ${portal.slug} exactly, to confirm.`);
  }
  const deleted = await deletePortal({ db, input: { workspaceId, portal: portal.portalId }, actor: consoleActor(viewer) });
  return { slug: deleted.slug };
}
