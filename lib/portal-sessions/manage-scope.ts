import "server-only";
import type { Db } from "@/db/client";
import { listPortalConfigIds } from "@/db/queries/portal-configs";
import { invalidInput } from "@/lib/api/errors";
import type { RootAuth } from "@/lib/auth/root-key";

/**
 * Which portals a root key may manage sessions of: the same permission that mints them
 * (`portal.*.create_portal_session`, or per portal). undefined = every portal of the workspace.
 * A key that covers none gets 403 naming the permission.
 */
export async function manageablePortalIds(db: Db, auth: RootAuth): Promise<string[] | undefined> {
  if (auth.has("portal.*.create_portal_session")) return undefined;
  const ids = (await listPortalConfigIds(db, auth.workspaceId)).filter((id) => auth.has(`portal.${id}.create_portal_session`));
  if (ids.length === 0) auth.require("portal.*.create_portal_session");
  return ids;
}

export function exactlyOneOf(fields: Record<string, unknown>): void {
  const present = Object.entries(fields).filter(([, v]) => v !== undefined);
  if (present.length === 1) return;
  const names = Object.keys(fields);
  throw invalidInput("body", `Send exactly one of ${names.join(" or ")}.`, `Send {"${names[0]}": "…"} or {"${names[1]}": "…"}.`);
}
