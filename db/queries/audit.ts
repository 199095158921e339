import "server-only";
import { and, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { auditLog } from "@/db/schema";

export type AuditRow = typeof auditLog.$inferSelect;

export type AuditFilter = {
  workspaceId: string;
  actorType?: string;
  actorId?: string;
  events?: string[];
  resourceId?: string;
  /** Unix ms, inclusive. */
  since?: number;
  /** Unix ms, exclusive. */
  until?: number;
};

/**
 * One page of a workspace's audit log, newest first, `limit + 1` rows (the extra one says whether
 * there is more). `before` is the (time, id) of the previous page's last row: a row comparison, so the
 * (workspace_id, time) index scan starts there instead of counting an offset.
 */
export async function listAuditPage(db: Db | Tx, f: AuditFilter & { before?: { time: number; id: number }; limit: number }): Promise<AuditRow[]> {
  const conds = [eq(auditLog.workspaceId, f.workspaceId)];
  if (f.actorType !== undefined) conds.push(eq(auditLog.actorType, f.actorType));
  if (f.actorId !== undefined) conds.push(eq(auditLog.actorId, f.actorId));
  if (f.events?.length) conds.push(inArray(auditLog.event, f.events));
  if (f.resourceId !== undefined) conds.push(eq(auditLog.resourceId, f.resourceId));
  if (f.since !== undefined) conds.push(gte(auditLog.time, f.since));
  if (f.until !== undefined) conds.push(lt(auditLog.time, f.until));
  if (f.before) conds.push(sql`(${auditLog.time}, ${auditLog.id}) < (${f.before.time}, ${f.before.id})`);
  return db
    .select()
    .from(auditLog)
    .where(and(...conds))
    .orderBy(desc(auditLog.time), desc(auditLog.id))
    .limit(f.limit + 1);
}
