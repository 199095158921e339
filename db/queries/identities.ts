import "server-only";
import { and, asc, eq, or, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { identities } from "@/db/schema";

export type IdentityRow = typeof identities.$inferSelect;

/** Inserts unless (workspace, externalId) exists; returns the id either way. Race-safe via the unique index. */
export async function insertOrGetIdentity(db: Db | Tx, row: typeof identities.$inferInsert): Promise<string> {
  const inserted = await db.insert(identities).values(row).onConflictDoNothing().returning({ id: identities.id });
  if (inserted[0]) return inserted[0].id;
  const found = await findIdentityByExternalId(db, row.workspaceId, row.externalId);
  if (!found) throw new Error("identity vanished between insert and select");
  return found.id;
}

export async function insertIdentity(db: Db | Tx, row: typeof identities.$inferInsert) {
  await db.insert(identities).values(row);
}

export async function findIdentityByExternalId(db: Db | Tx, workspaceId: string, externalId: string) {
  const rows = await db
    .select()
    .from(identities)
    .where(and(eq(identities.workspaceId, workspaceId), eq(identities.externalId, externalId)))
    .limit(1);
  return rows[0];
}

/** `identity` is an `id_` id or an externalId (Unkey accepts both); the id wins when both could match. */
export async function findIdentity(db: Db | Tx, workspaceId: string, identity: string): Promise<IdentityRow | undefined> {
  const rows = await db
    .select()
    .from(identities)
    .where(and(eq(identities.workspaceId, workspaceId), or(eq(identities.id, identity), eq(identities.externalId, identity))))
    .limit(2);
  return rows.find((r) => r.id === identity) ?? rows[0];
}

export async function listIdentitiesPage(
  db: Db | Tx,
  p: { workspaceId: string; after?: { createdAt: number; id: string }; limit: number; search?: string },
): Promise<IdentityRow[]> {
  const conds = [eq(identities.workspaceId, p.workspaceId)];
  if (p.search) {
    // A substring, case-insensitive, of the id or the externalId (Unkey's document). strpos, not
    // ILIKE, so `%` and `_` in the search are plain characters.
    const needle = sql`lower(${p.search})`;
    conds.push(sql`(strpos(lower(${identities.externalId}), ${needle}) > 0 or strpos(lower(${identities.id}), ${needle}) > 0)`);
  }
  if (p.after) {
    // A row comparison, so Postgres bounds the (workspace_id, created_at, id) index scan with it (as listKeysPage).
    conds.push(sql`(${identities.createdAt}, ${identities.id}) > (${p.after.createdAt}, ${p.after.id})`);
  }
  return db
    .select()
    .from(identities)
    .where(and(...conds))
    .orderBy(asc(identities.createdAt), asc(identities.id))
    .limit(p.limit + 1);
}

export async function updateIdentityRow(db: Db | Tx, workspaceId: string, id: string, patch: Partial<typeof identities.$inferInsert>) {
  await db.update(identities).set(patch).where(and(eq(identities.id, id), eq(identities.workspaceId, workspaceId)));
}

/** Hard delete; the keys' foreign key sets identity_id to null, so they keep verifying but belong to no one. */
export async function deleteIdentityRow(db: Db | Tx, workspaceId: string, id: string) {
  await db.delete(identities).where(and(eq(identities.id, id), eq(identities.workspaceId, workspaceId)));
}
