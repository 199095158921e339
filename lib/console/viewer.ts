import "server-only";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { findWorkspace } from "@/db/queries/workspaces";
import { CONSOLE_COOKIE } from "@/lib/console/session-cookie";
import { type ConsoleViewer, resolveConsoleSession } from "@/lib/console/resolve-session";

export type { ConsoleViewer } from "@/lib/console/resolve-session";
export { consoleActor, consoleRootAuth } from "@/lib/console/actor";

/** Where a browser without a live console session is sent. */
export const SIGNED_OUT_PATH = "/console/signed-out";

/**
 * The console's viewer for server components, server actions and route handlers (docs/console.md
 * "Signing in"): no live session → redirect to the signed-out page. Once per request (React cache),
 * so a layout and its page read and touch the session row once.
 */
export const requireConsoleViewer = cache(async (): Promise<ConsoleViewer> => {
  const viewer = await resolveConsoleSession(await getDb(), (await cookies()).get(CONSOLE_COOKIE)?.value);
  if (!viewer) redirect(SIGNED_OUT_PATH);
  return viewer;
});

/**
 * The workspace row, when the viewer may see it: the operator sees every workspace, a workspace admin
 * only their own. Anything else — another workspace's id, an id that does not exist, garbage — is the
 * same notFound(), so an admin editing the address learns nothing about other workspaces.
 */
export async function requireWorkspace(viewer: ConsoleViewer, workspaceId: string) {
  if (viewer.workspaceId !== null && viewer.workspaceId !== workspaceId) notFound();
  if (!/^ws_[A-Za-z0-9]{1,64}$/.test(workspaceId)) notFound();
  const ws = await findWorkspace(await getDb(), workspaceId);
  if (!ws) notFound();
  return ws;
}

/** The signed-in viewer and the workspace of the address, for every page and action under /console/w/<ws>. */
export async function requireWorkspaceView(workspaceId: string) {
  const viewer = await requireConsoleViewer();
  return { viewer, workspace: await requireWorkspace(viewer, workspaceId) };
}
