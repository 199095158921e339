import "server-only";
import { getDb } from "@/db/client";
import { listWorkspacesPage } from "@/db/queries/workspaces";
import { CONSOLE_PAGE_SIZE, pageOf, readCursor } from "@/lib/console/paging";

/** The operator's workspaces list, newest first, a page at a time. */
export async function pageWorkspaces(cursor: string | string[] | undefined) {
  const rows = await listWorkspacesPage(await getDb(), { before: readCursor(cursor), limit: CONSOLE_PAGE_SIZE });
  const page = pageOf(rows, CONSOLE_PAGE_SIZE, (w) => ({ createdAt: w.createdAt, id: w.id }));
  return { workspaces: page.rows.map((w) => ({ id: w.id, name: w.name, slug: w.slug, createdAt: w.createdAt })), next: page.next };
}
