"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { type ActionState, consoleAction, field } from "@/lib/console/action-result";
import type { ConsoleActing } from "@/lib/console/acting-auth";
import { changeKeyCredits, deleteKeyConfirmed, setKeyEnabled } from "@/lib/console/key-actions";
import { requireWorkspaceView } from "@/lib/console/viewer";

/**
 * The key page's actions (docs/console.md "Keys and sessions"). Each checks the viewer and the
 * workspace of the form again (a server action can be called by anyone holding its id), then calls the
 * same verb as keys.updateKey, keys.deleteKey or keys.updateCredits; the audit event names the console
 * session.
 */
async function acting(form: FormData): Promise<ConsoleActing> {
  const { viewer, workspace } = await requireWorkspaceView(field(form, "workspaceId"));
  return { db: await getDb(), workspaceId: workspace.id, viewer };
}

const keyPage = (c: ConsoleActing, keyId: string) => `/console/w/${c.workspaceId}/keys/${keyId}`;

export type KeyEnabled = { enabled: boolean };

export async function setKeyEnabledAction(_state: ActionState<KeyEnabled>, form: FormData) {
  return consoleAction(async () => {
    const c = await acting(form);
    const keyId = field(form, "keyId");
    const enabled = field(form, "enabled") === "true";
    await setKeyEnabled(c, keyId, enabled);
    revalidatePath(keyPage(c, keyId));
    return { enabled };
  });
}

export type KeyCredits = { remaining: number | null };

export async function changeCreditsAction(_state: ActionState<KeyCredits>, form: FormData) {
  return consoleAction(async () => {
    const c = await acting(form);
    const keyId = field(form, "keyId");
    const result = await changeKeyCredits(c, keyId, field(form, "operation"), field(form, "credits"));
    revalidatePath(keyPage(c, keyId));
    return result;
  });
}

export async function deleteKeyAction(_state: ActionState<object>, form: FormData) {
  return consoleAction(async () => {
    const c = await acting(form);
    const keyId = field(form, "keyId");
    // Not trimmed by `field` alone: the typed text is compared as the dialog showed it.
    const typed = form.get("confirm");
    await deleteKeyConfirmed(c, keyId, typeof typed === "string" ? typed : "");
    redirect(`/console/w/${c.workspaceId}/keys?${new URLSearchParams({ deleted: keyId })}`);
  });
}
