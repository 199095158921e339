import "server-only";
import type { Db } from "@/db/client";
import { assertInScope } from "@/lib/console/portals/scope";
import { type ConsoleViewer, consoleActor } from "@/lib/console/viewer";
import { parseInput } from "@/lib/api/body";
import { formAction, type FormResult } from "@/lib/console/portals/form-result";
import { portalFormValuesSchema } from "@/lib/console/portals/form-values";
import { createBodyOf } from "@/lib/console/portals/portal-form";
import { createPortal } from "@/lib/portal-configs/create-portal";
import { createPortalInput } from "@/lib/portal-configs/rules";

/**
 * The console's "Create portal": the form as a portals.create body, parsed by the operator API's
 * schema and provisioned by its verb, which writes `portal.create` with the console's actor.
 */
export async function createPortalFromForm({ db, viewer, workspaceId, values }: { db: Db; viewer: ConsoleViewer; workspaceId: string; values: unknown }): Promise<FormResult<{ portalId: string }>> {
  return formAction(async () => {
    assertInScope(viewer, workspaceId);
    const input = parseInput(createPortalInput, createBodyOf(workspaceId, parseInput(portalFormValuesSchema, values)));
    const config = await createPortal({ db, input, actor: consoleActor(viewer) });
    return { portalId: config.portalId };
  });
}
