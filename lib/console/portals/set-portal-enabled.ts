import "server-only";
import type { Db } from "@/db/client";
import { assertInScope } from "@/lib/console/portals/scope";
import { type ConsoleViewer, consoleActor } from "@/lib/console/viewer";
import { formAction, type FormResult } from "@/lib/console/portals/form-result";
import { updatePortal } from "@/lib/portal-configs/update-portal";

/**
 * Enable / Disable, as portals.enable / portals.disable do it: the same verb and audit event. A
 * disabled portal's sessions are refused at once (docs/sessions.md), and new links are not minted.
 */
export async function setPortalEnabled({ db, viewer, workspaceId, portalId, enabled }: { db: Db; viewer: ConsoleViewer; workspaceId: string; portalId: string; enabled: boolean }): Promise<FormResult<{ enabled: boolean }>> {
  return formAction(async () => {
    assertInScope(viewer, workspaceId);
    const config = await updatePortal({ db, input: { workspaceId, portal: portalId, enabled }, actor: consoleActor(viewer), event: enabled ? "portal.enable" : "portal.disable" });
    return { enabled: config.enabled };
  });
}
