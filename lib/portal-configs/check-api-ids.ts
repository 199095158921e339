import "server-only";
import type { Tx } from "@/db/client";
import { existingApiIds } from "@/db/queries/portal-configs";
import { invalidInput } from "@/lib/api/errors";

/** Every API a portal covers must be a live API of the portal's own workspace (400 naming the first stranger). */
export async function checkApiIds(tx: Tx, workspaceId: string, apiIds: string[]): Promise<string[]> {
  const unique = [...new Set(apiIds)];
  const found = await existingApiIds(tx, workspaceId, unique);
  const missing = unique.find((id) => !found.has(id));
  if (missing) {
    throw invalidInput("body.apiIds", `"${missing}" is not an API of workspace ${workspaceId}.`, "Use ids printed by `keyport api create --workspace <id>` for this workspace.", `body.apiIds: "${missing}" is not an API of workspace ${workspaceId}.`);
  }
  return unique;
}
