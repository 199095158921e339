/** Where a viewer's console starts: the workspaces list for the operator, the workspace's overview for its admin. */
export function consoleHome(workspaceId: string | null): string {
  return workspaceId === null ? "/console" : `/console/w/${workspaceId}`;
}
