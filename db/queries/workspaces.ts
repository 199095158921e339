import "server-only";
import { eq } from "drizzle-orm";
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
