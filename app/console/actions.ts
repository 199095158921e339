"use server";
import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { parseInput } from "@/lib/api/body";
import { type ActionState, consoleAction, field } from "@/lib/console/action-result";
import { consoleActor, requireConsoleViewer } from "@/lib/console/viewer";
import { createWorkspace, createWorkspaceInput } from "@/lib/workspaces/create-workspace";

export type CreatedWorkspace = { workspaceId: string; name: string; rootKey: string };

/** Operator only: a workspace and its first root key (holding `*`), shown once (the same verb as workspaces.create). */
export async function createWorkspaceAction(_state: ActionState<CreatedWorkspace>, form: FormData) {
  return consoleAction(async () => {
    const viewer = await requireConsoleViewer();
    if (viewer.workspaceId !== null) notFound();
    const input = parseInput(createWorkspaceInput, { name: field(form, "name"), slug: field(form, "slug") || undefined });
    const { workspaceId, rootKey } = await createWorkspace({ db: await getDb(), input, actor: consoleActor(viewer) });
    revalidatePath("/console");
    return { workspaceId, name: input.name, rootKey };
  });
}
