import "server-only";
import { getDb } from "@/db/client";
import { listRootKeysPage } from "@/db/queries/root-keys";
import { CONSOLE_PAGE_SIZE, pageOf, readCursor } from "@/lib/console/paging";

/** A workspace's live root keys (start, name, permissions, created, last used), newest first, a page at a time. */
export async function pageRootKeys(workspaceId: string, cursor: string | string[] | undefined) {
  const rows = await listRootKeysPage(await getDb(), workspaceId, { before: readCursor(cursor), limit: CONSOLE_PAGE_SIZE });
  const page = pageOf(rows, CONSOLE_PAGE_SIZE, (r) => ({ createdAt: r.createdAt, id: r.id }));
  return { rootKeys: page.rows, next: page.next };
}
