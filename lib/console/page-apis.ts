import "server-only";
import { getDb } from "@/db/client";
import { KEY_COUNT_CAP, listApisPage } from "@/db/queries/apis";
import { CONSOLE_PAGE_SIZE, pageOf, readCursor } from "@/lib/console/paging";

/** A workspace's live APIs with their live key counts (capped), newest first, a page at a time. */
export async function pageApis(workspaceId: string, cursor: string | string[] | undefined) {
  const rows = await listApisPage(await getDb(), workspaceId, { before: readCursor(cursor), limit: CONSOLE_PAGE_SIZE });
  const page = pageOf(rows, CONSOLE_PAGE_SIZE, (r) => ({ createdAt: r.api.createdAt, id: r.api.id }));
  return {
    apis: page.rows.map((r) => ({ id: r.api.id, name: r.api.name, prefix: r.api.prefix, createdAt: r.api.createdAt, keys: r.keyCount, keysCapped: r.keyCount > KEY_COUNT_CAP })),
    next: page.next,
  };
}
