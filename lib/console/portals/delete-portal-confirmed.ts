import "server-only";
import type { Db } from "@/db/client";
import { invalidInput } from "@/lib/api/errors";
import type { Actor } from "@/lib/audit/write-audit";
import { formAction, type FormResult } from "@/lib/console/portals/form-result";
import { deletePortal } from "@/lib/portal-configs/delete-portal";
import { getPortal } from "@/lib/portal-configs/get-portal";

/**
 * Delete, once the operator typed the portal's slug: the same verb as portals.delete (its sessions
 * end with it, `portal.delete` is written). A wrong confirmation changes nothing.
 */
export async function deletePortalConfirmed({
  db,
  actor,
  workspaceId,
  portalId,
  confirmation,
}: {
  db: Db;
  actor: Actor;
  workspaceId: string;
  portalId: string;
  confirmation: string;
}): Promise<FormResult<{ slug: string }>> {
  return formAction(async () => {
    const portal = await getPortal({ db, workspaceId, portal: portalId });
    if (confirmation.trim() !== portal.slug) {
      throw invalidInput("confirmation", `Type the portal's slug, ${portal.slug}, to delete it.`, `Type ${portal.slug} exactly.`);
    }
    const deleted = await deletePortal({ db, input: { workspaceId, portal: portal.portalId }, actor });
    return { slug: deleted.slug };
  });
}
