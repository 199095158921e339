import type { ReactNode } from "react";
import { requireWorkspaceView } from "@/lib/console/viewer";
import { ConsoleShell } from "../../_components/console-shell";

export const dynamic = "force-dynamic";

/**
 * One workspace's console: the shell with its sections. The viewer must be the operator or this
 * workspace's admin, else the console's 404 (docs/console.md "Signing in"). Every page below checks the
 * same again itself: a layout is not re-rendered when the viewer moves between its pages.
 */
export default async function WorkspaceLayout({ children, params }: { children: ReactNode; params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const { viewer, workspace } = await requireWorkspaceView(workspaceId);
  return (
    <ConsoleShell viewer={viewer} workspace={{ id: workspace.id, name: workspace.name }}>
      {children}
    </ConsoleShell>
  );
}
