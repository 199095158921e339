import "server-only";
import type { Db } from "@/db/client";
import { assertInScope } from "@/lib/console/portals/scope";
import { type ConsoleViewer, consoleActor } from "@/lib/console/viewer";
import { parseInput } from "@/lib/api/body";
import { formAction, type FormResult } from "@/lib/console/portals/form-result";
import { portalFormValuesSchema } from "@/lib/console/portals/form-values";
import { type PortalFormValues, updateBodyOf, valuesOf } from "@/lib/console/portals/portal-form";
import { changedFields } from "@/lib/console/portals/changed-fields";
import { getPortal } from "@/lib/portal-configs/get-portal";
import { updatePortalInput } from "@/lib/portal-configs/rules";
import { updatePortal } from "@/lib/portal-configs/update-portal";

/**
 * The console's "Save": the whole form as a portals.update body, parsed by the operator API's schema
 * (every bad field is reported at once), then only the fields that differ from the stored portal are
 * sent to the verb, so its `portal.update` event names what changed. Nothing changed: nothing written.
 */
export async function updatePortalFromForm({
  db,
  viewer,
  workspaceId,
  portalId,
  values,
}: {
  db: Db;
  viewer: ConsoleViewer;
  workspaceId: string;
  portalId: string;
  /** What the browser sent: checked against the form's shape first (form-values.ts). */
  values: unknown;
}): Promise<FormResult<{ portalId: string; changed: string[]; values: PortalFormValues }>> {
  return formAction(async () => {
    assertInScope(viewer, workspaceId);
    const input = parseInput(updatePortalInput, updateBodyOf(workspaceId, portalId, parseInput(portalFormValuesSchema, values)));
    const current = await getPortal({ db, workspaceId, portal: portalId });
    const changed = changedFields(input, current);
    if (changed.length === 0) return { portalId: current.portalId, changed, values: valuesOf(current) };
    const only = Object.fromEntries(changed.map((k) => [k, input[k]]));
    const config = await updatePortal({ db, input: { workspaceId, portal: current.portalId, ...only }, actor: consoleActor(viewer) });
    // The form shows the portal as stored (origins normalised, say), not only as typed.
    return { portalId: config.portalId, changed, values: valuesOf(config) };
  });
}
