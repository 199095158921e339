"use server";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { type ActionState, consoleAction, field } from "@/lib/console/action-result";
import type { ConsoleActing } from "@/lib/console/acting-auth";
import { revokeAllSessionsOfUser, revokeOneSession } from "@/lib/console/user-sessions";
import { requireWorkspaceView } from "@/lib/console/viewer";

/**
 * The sessions page's actions: the same verb as portal.revokeSession, one session (`ps_…`) or every
 * session of one end user. The viewer and the form's workspace are checked again here; the audit
 * events name the console session. The revoked sessions' next request is refused (docs/sessions.md).
 */
async function acting(form: FormData): Promise<ConsoleActing> {
  const { viewer, workspace } = await requireWorkspaceView(field(form, "workspaceId"));
  return { db: await getDb(), workspaceId: workspace.id, viewer };
}

export type Revoked = { revoked: number };

export async function revokeSessionAction(_state: ActionState<Revoked>, form: FormData) {
  return consoleAction(async () => {
    const c = await acting(form);
    const revoked = await revokeOneSession(c, field(form, "sessionId"));
    revalidatePath(`/console/w/${c.workspaceId}`, "layout");
    return { revoked };
  });
}

export async function revokeAllSessionsAction(_state: ActionState<Revoked>, form: FormData) {
  return consoleAction(async () => {
    const c = await acting(form);
    const revoked = await revokeAllSessionsOfUser(c, field(form, "externalId"));
    revalidatePath(`/console/w/${c.workspaceId}`, "layout");
    return { revoked };
  });
}
