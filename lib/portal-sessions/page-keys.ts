import "server-only";
import { getDb } from "@/db/client";
import { ApiError } from "@/lib/api/errors";
import { listKeys } from "@/lib/portal-sessions/list-keys";
import type { PortalKeyView } from "@/lib/portal-sessions/portal-key-view";
import type { PortalSessionContext } from "@/lib/portal-sessions/session-context";

export type KeysPage = { keys: PortalKeyView[]; cursor?: string };

/** The session's keys for a server component: the same verb as POST /v2/portal.listKeys. */
export async function listPortalKeys(session: PortalSessionContext, input: { limit: number; cursor?: string; name?: string }): Promise<KeysPage> {
  const db = await getDb();
  const run = (cursor?: string) => listKeys({ db, session, input: { limit: input.limit, cursor, nameContains: input.name } });
  let result: Awaited<ReturnType<typeof listKeys>>;
  try {
    result = await run(input.cursor);
  } catch (err) {
    // A hand-edited or stale ?cursor= shows the first page rather than an error.
    if (!(err instanceof ApiError && err.code === "unkey/application/invalid_input" && input.cursor)) throw err;
    result = await run(undefined);
  }
  return { keys: result.keys, cursor: result.pagination.hasMore ? result.pagination.cursor : undefined };
}
