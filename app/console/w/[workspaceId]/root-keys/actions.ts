"use server";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { findApi } from "@/db/queries/apis";
import { parseInput } from "@/lib/api/body";
import { ApiError, invalidInput } from "@/lib/api/errors";
import { pickedPermissions } from "@/lib/auth/root-key-permissions";
import { type ActionState, consoleAction, field } from "@/lib/console/action-result";
import { consoleActor, requireWorkspaceView } from "@/lib/console/viewer";
import { createRootKey, createRootKeyInput } from "@/lib/operator/create-root-key";
import { revokeRootKey } from "@/lib/operator/revoke-root-key";

export type CreatedRootKey = { keyId: string; rootKey: string; permissions: string[] };

/** "Create root key": a name and the picked permissions (or `*`); the secret is answered once (the same verb as rootKeys.create). */
export async function createRootKeyAction(workspaceId: string, _state: ActionState<CreatedRootKey>, form: FormData) {
  return consoleAction(async () => {
    const { viewer, workspace } = await requireWorkspaceView(workspaceId);
    const db = await getDb();
    const apiId = field(form, "api") || undefined;
    if (apiId !== undefined && !(await findApi(db, workspace.id, apiId))) throw new ApiError("unkey/data/api_not_found", `No API with id "${apiId}" in this workspace.`);
    const permissions = pickedPermissions({ full: field(form, "full") === "on", picked: form.getAll("permission").filter((p): p is string => typeof p === "string"), apiId });
    if (permissions.length === 0) throw invalidInput("body.permissions", "Choose at least one permission.", "Pick Full access, or at least one permission.");
    const input = parseInput(createRootKeyInput, { workspaceId: workspace.id, name: field(form, "name") || undefined, permissions });
    const created = await createRootKey({ db, input, actor: consoleActor(viewer) });
    revalidatePath(`/console/w/${workspace.id}`, "layout");
    return created;
  });
}

/** "Revoke": only a root key of this workspace (another workspace's id is not found), at once. */
export async function revokeRootKeyAction(workspaceId: string, _state: ActionState<{ keyId: string }>, form: FormData) {
  return consoleAction(async () => {
    const { viewer, workspace } = await requireWorkspaceView(workspaceId);
    const keyId = field(form, "keyId");
    await revokeRootKey({ db: await getDb(), keyId, actor: consoleActor(viewer), workspaceId: workspace.id });
    revalidatePath(`/console/w/${workspace.id}`, "layout");
    return { keyId };
  });
}
