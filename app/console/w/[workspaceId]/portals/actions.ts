"use server";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { type ActionState, consoleAction, field } from "@/lib/console/action-result";
import { createPortalFromForm } from "@/lib/console/portals/create-portal-from-form";
import { deletePortalConfirmed } from "@/lib/console/portals/delete-portal-confirmed";
import { openAsTestUser } from "@/lib/console/portals/open-as-test-user";
import { setPortalEnabled } from "@/lib/console/portals/set-portal-enabled";
import { updatePortalFromForm } from "@/lib/console/portals/update-portal-from-form";
import { requireWorkspaceView } from "@/lib/console/viewer";

/*
 * The console's portal actions (docs/console.md "Portals"). Every argument comes from the browser:
 * the viewer and their right to the workspace are checked first (another workspace is the console's
 * 404), then the same verbs and schemas as the operator API run, under the console session's actor.
 */

const text = (value: unknown) => (typeof value === "string" ? value : "");

export async function createPortalAction(workspaceId: string, values: unknown) {
  const { viewer } = await requireWorkspaceView(text(workspaceId));
  const result = await createPortalFromForm({ db: await getDb(), viewer, workspaceId, values });
  if (result.ok) redirect(`/console/w/${workspaceId}/portals/${result.data.portalId}?created=1`);
  return result;
}

export async function savePortalAction(workspaceId: string, portalId: string, values: unknown) {
  const { viewer } = await requireWorkspaceView(text(workspaceId));
  return updatePortalFromForm({ db: await getDb(), viewer, workspaceId, portalId: text(portalId), values });
}

export async function setPortalEnabledAction(workspaceId: string, portalId: string, enabled: boolean) {
  const { viewer } = await requireWorkspaceView(text(workspaceId));
  return setPortalEnabled({ db: await getDb(), viewer, workspaceId, portalId: text(portalId), enabled: enabled === true });
}

export async function openAsTestUserAction(workspaceId: string, portalId: string, externalId: string) {
  const { viewer } = await requireWorkspaceView(text(workspaceId));
  return openAsTestUser({ db: await getDb(), viewer, workspaceId, portalId: text(portalId), externalId: text(externalId) });
}

/** The typed confirmation's form: `confirm` must be the slug; then back to the list, which says what went. */
export async function deletePortalAction(_state: ActionState<{ slug: string }>, form: FormData) {
  const workspaceId = field(form, "workspaceId");
  const result = await consoleAction(async () => {
    const { viewer } = await requireWorkspaceView(workspaceId);
    return deletePortalConfirmed({ db: await getDb(), viewer, workspaceId, portalId: field(form, "portalId"), confirmation: field(form, "confirm") });
  });
  if (result.ok) redirect(`/console/w/${workspaceId}/portals?${new URLSearchParams({ deleted: result.slug })}`);
  return result;
}
