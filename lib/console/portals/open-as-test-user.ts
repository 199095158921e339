import "server-only";
import type { Db } from "@/db/client";
import { assertInScope } from "@/lib/console/portals/scope";
import { type ConsoleViewer, consoleRootAuth } from "@/lib/console/viewer";
import { parseInput } from "@/lib/api/body";
import { formAction, type FormResult } from "@/lib/console/portals/form-result";
import { createSession, createSessionInput } from "@/lib/portal-sessions/create-session";
import { PORTAL_ACTIONS } from "@/lib/portal-sessions/permissions";

/** The console's test user may see every part of the portal; as a preview session it changes nothing. */
const EVERY_PORTAL_PERMISSION = PORTAL_ACTIONS.map((a) => `api.*.${a}`);

/**
 * "Open as a test user": a preview session (docs/sessions.md) of the portal for `externalId`, minted
 * by the same verb as portal.createSession. The console holds the operator's authority over the
 * workspace, so the ceiling is `*`; the session's creator and its `portal.session.create` event name
 * the console's actor. Preview sessions work on a disabled portal too, so it can be checked first.
 */
export async function openAsTestUser({ db, viewer, workspaceId, portalId, externalId }: { db: Db; viewer: ConsoleViewer; workspaceId: string; portalId: string; externalId: string }): Promise<FormResult<{ url: string }>> {
  return formAction(async () => {
    assertInScope(viewer, workspaceId);
    const input = parseInput(createSessionInput, { portal: portalId, externalId: externalId.trim(), permissions: EVERY_PORTAL_PERMISSION, preview: true });
    const session = await createSession({ db, auth: consoleRootAuth(viewer, workspaceId), input });
    return { url: session.url };
  });
}
