import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { listOwnKeysPage } from "@/db/queries/portal-keys";
import { decodeCursor, paginate } from "@/lib/api/page-cursor";
import { toPortalKeyView } from "@/lib/portal-sessions/portal-key-view";
import type { PortalSessionContext } from "@/lib/portal-sessions/session-context";
import { apisWhere, requireSessionPermission } from "@/lib/portal-sessions/session-permissions";

export const listKeysInput = z.strictObject({
  limit: z.number().int().min(1).max(100).default(100),
  cursor: z.string().min(1).max(500).optional(),
  /** Keyport extension: case-insensitive substring of the key name. */
  nameContains: z.string().min(1).max(200).optional(),
});

/**
 * portal.listKeys: the end user's keys in the portal's APIs where the session holds `read_key`,
 * oldest first, keyset-paged, each as the portal's view of a key (no identity, permissions or,
 * unless the portal shows it, meta). An end user with no identity yet simply has no keys.
 */
export async function listKeys({ db, session, input }: { db: Db; session: PortalSessionContext; input: z.infer<typeof listKeysInput> }) {
  requireSessionPermission(session, "read_key");
  const after = decodeCursor(input.cursor);
  const rows = await listOwnKeysPage(db, {
    workspaceId: session.workspaceId,
    externalId: session.externalId,
    apiIds: apisWhere(session, "read_key"),
    after,
    limit: input.limit,
    nameContains: input.nameContains,
  });
  const { page, pagination } = paginate(rows, input.limit, (r) => ({ createdAt: r.createdAt, id: r.id }));
  return { keys: page.map((r) => toPortalKeyView(r, { showMeta: session.portal.showKeyMeta })), pagination };
}
