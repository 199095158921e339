import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { type AuditRow, listAuditPage } from "@/db/queries/audit";
import { invalidInput } from "@/lib/api/errors";
import { decodeCursor, paginate } from "@/lib/api/page-cursor";
import { Reply } from "@/lib/api/reply";
import { ACTOR_TYPES, type Actor, AUDIT_EVENTS, type AuditEvent, REQUEST_ID_META_KEY } from "@/lib/audit/write-audit";

const time = z.number().int().min(0).max(8_640_000_000_000_000);

/** The filters and paging both audit endpoints take (the operator's adds `workspaceId`). */
export const auditFilterFields = {
  limit: z.number().int().min(1).max(100).default(50),
  cursor: z.string().min(1).max(512).optional(),
  actorType: z.enum(ACTOR_TYPES).optional(),
  actorId: z.string().min(1).max(256).optional(),
  events: z.array(z.enum(AUDIT_EVENTS)).min(1).max(AUDIT_EVENTS.length).optional(),
  resourceId: z.string().min(1).max(256).optional(),
  since: time.optional(),
  until: time.optional(),
};
export const listAuditEventsInput = z.strictObject(auditFilterFields);
export type AuditQuery = z.infer<typeof listAuditEventsInput>;

/**
 * An audit event as the API answers it: who did what to which resource, when, and in which request.
 * The columns are text; writeAudit, their only writer, takes the typed Actor and AuditEvent. The
 * request id is stored in meta (writeAudit) and answered beside it.
 */
export function toAuditEvent(row: AuditRow) {
  const { [REQUEST_ID_META_KEY]: requestId, ...meta } = row.meta ?? {};
  return {
    id: `aud_${row.id}`,
    time: row.time,
    actor: { type: row.actorType as Actor["type"], id: row.actorId },
    event: row.event as AuditEvent,
    resourceId: row.resourceId ?? undefined,
    requestId: typeof requestId === "string" ? requestId : undefined,
    meta: row.meta && Object.keys(meta).length > 0 ? meta : undefined,
  };
}
export type AuditEventView = ReturnType<typeof toAuditEvent>;

/**
 * Where a page starts: the (time, id) of the previous page's last event. The id is the event's
 * sequence number, so a cursor carrying anything else was not written by this endpoint (and must not
 * reach the query as NaN).
 */
function auditPosition(cursor: string | undefined): { time: number; id: number } | undefined {
  const after = decodeCursor(cursor);
  if (!after) return undefined;
  if (!/^[1-9]\d{0,15}$/.test(after.id)) {
    throw invalidInput("body.cursor", "The cursor is not one this endpoint returned.", "Send pagination.cursor from the previous page unchanged, or leave it out for the first page.");
  }
  return { time: after.createdAt, id: Number(after.id) };
}

/** The cursor when it is one this log wrote, else undefined: pages whose address may be edited start over instead of failing. */
export function readAuditCursor(cursor: string | string[] | undefined): string | undefined {
  if (typeof cursor !== "string") return undefined;
  try {
    return auditPosition(cursor) ? cursor : undefined;
  } catch {
    return undefined;
  }
}

/** A page of one workspace's audit log, newest first, filtered (docs/api.md "Audit log"). */
export async function listAuditEvents(db: Db, workspaceId: string, q: AuditQuery) {
  const before = auditPosition(q.cursor);
  const rows = await listAuditPage(db, {
    workspaceId,
    actorType: q.actorType,
    actorId: q.actorId,
    events: q.events,
    resourceId: q.resourceId,
    since: q.since,
    until: q.until,
    before,
    limit: q.limit,
  });
  const { page, pagination } = paginate(rows, q.limit, (r) => ({ createdAt: r.time, id: String(r.id) }));
  return new Reply(page.map(toAuditEvent), { pagination });
}
