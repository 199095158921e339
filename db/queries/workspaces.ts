import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { workspaces } from "@/db/schema";

export async function insertWorkspace(db: Db | Tx, row: typeof workspaces.$inferInsert) {
  await db.insert(workspaces).values(row);
}

/** The operator plane is above tenants: it may read any workspace by id. */
export async function findWorkspace(db: Db | Tx, workspaceId: string) {
  const rows = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
  return rows[0];
}

export async function findWorkspaceBySlug(db: Db | Tx, slug: string) {
  const rows = await db.select().from(workspaces).where(eq(workspaces.slug, slug)).limit(1);
  return rows[0];
}

export async function listWorkspaces(db: Db) {
  return db.select().from(workspaces).orderBy(workspaces.createdAt, workspaces.id);
}

/**
 * One page of every workspace, newest first, `limit + 1` rows (the extra one says whether there is
 * more); `before` is the (created_at, id) of the previous page's last row.
 */
export async function listWorkspacesPage(db: Db | Tx, page: { before?: { createdAt: number; id: string }; limit: number }) {
  return db
    .select()
    .from(workspaces)
    .where(page.before ? sql`(${workspaces.createdAt}, ${workspaces.id}) < (${page.before.createdAt}, ${page.before.id})` : undefined)
    .orderBy(desc(workspaces.createdAt), desc(workspaces.id))
    .limit(page.limit + 1);
}
