import "server-only";
import type { Db } from "@/db/client";
import { listWorkspaces as listWorkspaceRows } from "@/db/queries/workspaces";

/** Every workspace on the server (operator only), oldest first. */
export async function listWorkspaces({ db }: { db: Db }) {
  const rows = await listWorkspaceRows(db);
  return { workspaces: rows.map((w) => ({ workspaceId: w.id, name: w.name, slug: w.slug ?? undefined, createdAt: w.createdAt })) };
}
