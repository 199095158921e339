"use server";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { findApi } from "@/db/queries/apis";
import { parseInput } from "@/lib/api/body";
import { ApiError, invalidInput } from "@/lib/api/errors";
import { deleteApi } from "@/lib/apis/delete-api";
import { type ActionState, consoleAction, field } from "@/lib/console/action-result";
import { consoleActor, consoleRootAuth, requireWorkspaceView } from "@/lib/console/viewer";
import { provisionApi, provisionApiInput } from "@/lib/operator/provision-api";

export type CreatedApi = { apiId: string; name: string };

/** "Create API": the operator's provisioning verb, acting as the console session. */
export async function createApiAction(workspaceId: string, _state: ActionState<CreatedApi>, form: FormData) {
  return consoleAction(async () => {
    const { viewer, workspace } = await requireWorkspaceView(workspaceId);
    const input = parseInput(provisionApiInput, { workspaceId: workspace.id, name: field(form, "name"), prefix: field(form, "prefix") || undefined });
    const { apiId } = await provisionApi({ db: await getDb(), input, actor: consoleActor(viewer) });
    revalidatePath(`/console/w/${workspace.id}`, "layout");
    return { apiId, name: input.name };
  });
}

/** "Delete API", once its name is typed: the same verb as apis.deleteApi (its keys stop verifying, it leaves its portals). */
export async function deleteApiAction(workspaceId: string, _state: ActionState<{ apiId: string }>, form: FormData) {
  return consoleAction(async () => {
    const { viewer, workspace } = await requireWorkspaceView(workspaceId);
    const db = await getDb();
    const api = await findApi(db, workspace.id, field(form, "apiId"));
    if (!api) throw new ApiError("unkey/data/api_not_found");
    if (field(form, "confirm") !== api.name) {
      throw invalidInput("body.confirm", "The confirmation does not match the API's name.", `Type ${api.name} exactly, capitals included, to delete it.`);
    }
    await deleteApi({ db, auth: consoleRootAuth(viewer, workspace.id), input: { apiId: api.id } });
    revalidatePath(`/console/w/${workspace.id}`, "layout");
    return { apiId: api.id };
  });
}
