import "server-only";
import { and, type Column, desc, eq, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { apis, keys, verificationEvents, verificationRollups } from "@/db/schema";

/** The outcome counters of a rollup row, summed (`total` is their sum). */
const r = verificationRollups;
const sum = (c: Column) => sql<number>`coalesce(sum(${c}), 0)`.mapWith(Number);
const COUNTERS = {
  total: sum(r.total),
  valid: sum(r.valid),
  rateLimited: sum(r.rateLimited),
  usageExceeded: sum(r.usageExceeded),
  expired: sum(r.expired),
  disabled: sum(r.disabled),
  insufficientPermissions: sum(r.insufficientPermissions),
  forbidden: sum(r.forbidden),
  notFound: sum(r.notFound),
};
export type UsageCounters = { [K in keyof typeof COUNTERS]: number };

type Window = { workspaceId: string; start: number; end: number; apiId?: string };

/** [start, end) over whole hours of the per-key rollups, optionally one API. */
function inWindow(w: Window) {
  return and(eq(r.workspaceId, w.workspaceId), gte(r.hour, w.start), lt(r.hour, w.end), w.apiId === undefined ? undefined : eq(r.apiId, w.apiId));
}

/**
 * A workspace's verifications per API and hour, by outcome, from the hourly per-key rollups (one row
 * per API and hour that saw any). Verifications of a key that does not exist have no key and no API,
 * so they are not here: see unknownKeyVerifications.
 */
export async function usageByApiAndHour(db: Db | Tx, w: Window): Promise<(UsageCounters & { apiId: string | null; hour: number })[]> {
  return db
    .select({ apiId: r.apiId, hour: r.hour, ...COUNTERS })
    .from(r)
    .where(inWindow(w))
    .groupBy(r.apiId, r.hour);
}

export type TopKeyRow = UsageCounters & { keyId: string; apiId: string | null };

/** The keys with the most verifications in the window, most first (ties by key id). */
export async function topKeysByVerifications(db: Db | Tx, w: Window & { limit: number }): Promise<TopKeyRow[]> {
  return db
    .select({ keyId: r.keyId, apiId: sql<string | null>`max(${r.apiId})`, ...COUNTERS })
    .from(r)
    .where(inWindow(w))
    .groupBy(r.keyId)
    .orderBy(desc(COUNTERS.total), r.keyId)
    .limit(w.limit);
}

/** What a list shows of some keys of the workspace, deleted ones included (their past still counts). */
export async function keyLabels(db: Db | Tx, workspaceId: string, ids: string[]): Promise<{ id: string; name: string | null; start: string; deleted: boolean }[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: keys.id, name: keys.name, start: keys.start, deletedAt: keys.deletedAt })
    .from(keys)
    .where(and(eq(keys.workspaceId, workspaceId), inArray(keys.id, ids)));
  return rows.map((k) => ({ id: k.id, name: k.name, start: k.start, deleted: k.deletedAt !== null }));
}

/**
 * Verifications of keys that do not exist (NOT_FOUND with no key) in [start, end): counted from the
 * raw events, as no rollup holds them. An index range scan: (workspace_id, key_id IS NULL, time).
 */
export async function unknownKeyVerifications(db: Db | Tx, w: Omit<Window, "apiId">): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(verificationEvents)
    .where(and(eq(verificationEvents.workspaceId, w.workspaceId), isNull(verificationEvents.keyId), gte(verificationEvents.time, w.start), lt(verificationEvents.time, w.end)));
  return row?.n ?? 0;
}

/** The workspace's APIs by id (deleted ones too: their past verifications still count), for naming rows. */
export async function apiNames(db: Db | Tx, workspaceId: string, ids?: string[]): Promise<{ id: string; name: string; deleted: boolean }[]> {
  const rows = await db
    .select({ id: apis.id, name: apis.name, deletedAt: apis.deletedAt })
    .from(apis)
    .where(and(eq(apis.workspaceId, workspaceId), ids === undefined ? isNull(apis.deletedAt) : inArray(apis.id, ids)))
    .orderBy(apis.createdAt, apis.id);
  return rows.map((a) => ({ id: a.id, name: a.name, deleted: a.deletedAt !== null }));
}
