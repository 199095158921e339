import "server-only";
import { and, asc, desc, eq, gte, inArray, isNull, lt, type SQL, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { apis, identities, keys, verificationRollups } from "@/db/schema";

/**
 * The console's key search (docs/console.md "Keys and sessions"). Every term kind is a prefix match
 * that one index answers without reading the rest of the workspace:
 *
 * | kind       | predicate                                  | index (migration 0011 unless noted)                |
 * |------------|--------------------------------------------|----------------------------------------------------|
 * | keyId      | `id = t` / `id like 't%'`                  | the primary key / `(workspace_id, id text_pattern_ops)` |
 * | start      | `start like 't%'`                          | `(workspace_id, start text_pattern_ops)`           |
 * | name       | `lower(name) like lower('t%')`             | `(workspace_id, lower(name) text_pattern_ops)`     |
 * | externalId | `identities.external_id like 't%'` → keys  | `(workspace_id, external_id text_pattern_ops)`, then `keys_identity_idx` |
 *
 * A prefix that matches few keys is answered by reading its matches and sorting them (phase 1). A
 * prefix that matches more than CANDIDATE_CAP keys (`sk_live_` matches them all) is answered the
 * other way round: newest first along each API's `(api_id, created_at, id)` index, keeping the rows
 * the predicate accepts, which stops after a page (phase 2). Either way no query reads the whole
 * workspace, and pages are keyset pages on (created_at, id), never OFFSET.
 */

export type KeyMatchKind = "keyId" | "start" | "name" | "externalId";
export type KeySearchKinds = Partial<Record<KeyMatchKind, string>>;
export type KeyPosition = { createdAt: number; id: string };

/** Rows one kind may yield before it counts as broad (phase 2). */
export const CANDIDATE_CAP = 1000;

/** `t%` for LIKE with the default escape character: `\`, `%` and `_` in the user's text match themselves. */
export function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}

const before = (k: string, p: KeyPosition | undefined) => (p ? sql`and (${sql.raw(k)}.created_at, ${sql.raw(k)}.id) < (${p.createdAt}::bigint, ${p.id})` : sql``);

/** The kind's predicate over `keys k` (and `identities i` for externalId, joined by the caller in phase 1). */
function predicate(kind: KeyMatchKind, term: string, workspaceId: string): SQL {
  const pattern = likePrefix(term);
  switch (kind) {
    case "keyId":
      return sql`k.id like ${pattern}`;
    case "start":
      return sql`k.start like ${pattern}`;
    case "name":
      return sql`lower(k.name) like lower(${pattern})`;
    case "externalId":
      return sql`k.identity_id in (select i.id from identities i where i.workspace_id = ${workspaceId} and i.external_id like ${pattern})`;
  }
}

/** Phase 1: per kind, up to CANDIDATE_CAP + 1 matches read through its index, then the newest `limit` of them. */
function phaseOne(workspaceId: string, kinds: [KeyMatchKind, string][], after: KeyPosition | undefined, limit: number): SQL {
  const cap = CANDIDATE_CAP + 1;
  const live = sql`join apis a on a.id = k.api_id and a.deleted_at is null`;
  const source = (kind: KeyMatchKind, term: string): SQL => {
    if (kind === "keyId") {
      // An exact id is one primary-key probe; only when there is none does the prefix run (a
      // one-time filter, so a pasted id never scans). The prefix wants the index named above.
      return sql`(select k.id, k.created_at from keys k ${live}
          where k.id = ${term} and k.workspace_id = ${workspaceId} and k.deleted_at is null ${before("k", after)})
        union all
        (select k.id, k.created_at from keys k ${live}
          where not exists (select 1 from keys x where x.id = ${term} and x.workspace_id = ${workspaceId})
            and k.workspace_id = ${workspaceId} and k.id like ${likePrefix(term)} and k.deleted_at is null ${before("k", after)} limit ${cap})`;
    }
    if (kind === "externalId") {
      return sql`select k.id, k.created_at from identities i join keys k on k.identity_id = i.id ${live}
        where i.workspace_id = ${workspaceId} and i.external_id like ${likePrefix(term)}
          and k.workspace_id = ${workspaceId} and k.deleted_at is null ${before("k", after)} limit ${cap}`;
    }
    return sql`select k.id, k.created_at from keys k ${live}
      where k.workspace_id = ${workspaceId} and ${predicate(kind, term, workspaceId)} and k.deleted_at is null ${before("k", after)} limit ${cap}`;
  };
  const ctes = sql.join(
    kinds.map(([kind, term]) => sql`${sql.raw(`m_${kind}`)} as materialized (${source(kind, term)})`),
    sql`, `,
  );
  const picks = sql.join(
    kinds.map(
      ([kind]) =>
        sql`(select ${kind}::text as kind, (select count(*) from ${sql.raw(`m_${kind}`)})::int as n, m.id, m.created_at
          from ${sql.raw(`m_${kind}`)} m order by m.created_at desc, m.id desc limit ${limit})`,
    ),
    sql` union all `,
  );
  return sql`with ${ctes} ${picks}`;
}

/**
 * Phase 2 (and the list without a term): newest first within each live API along its
 * (api_id, created_at, id) index, keeping rows the predicate accepts; then the newest `limit` overall.
 */
function phaseTwo(workspaceId: string, apiIds: string[], where: SQL | undefined, after: KeyPosition | undefined, limit: number): SQL {
  const branches = apiIds.map(
    (apiId) =>
      sql`(select k.id, k.created_at from keys k where k.api_id = ${apiId} and k.workspace_id = ${workspaceId} and k.deleted_at is null
        ${where ? sql`and (${where})` : sql``} ${before("k", after)} order by k.created_at desc, k.id desc limit ${limit})`,
  );
  return sql`select u.id, u.created_at from (${sql.join(branches, sql` union all `)}) u order by u.created_at desc, u.id desc limit ${limit}`;
}

async function liveApiIds(db: Db | Tx, workspaceId: string): Promise<string[]> {
  const rows = await db
    .select({ id: apis.id })
    .from(apis)
    .where(and(eq(apis.workspaceId, workspaceId), isNull(apis.deletedAt)))
    .orderBy(asc(apis.id));
  return rows.map((r) => r.id);
}

/**
 * The workspace's live keys matching any of `kinds` (all live keys when `kinds` is empty), newest
 * first, after `after`; at most `limit` (the caller asks for one more than a page to learn whether
 * there is a next one). The candidates of each phase are the newest `limit` of their kinds, so the
 * newest `limit` of them all are the answer; the final order is Postgres's, as the cursor's is.
 */
export async function searchKeys(
  db: Db | Tx,
  p: { workspaceId: string; kinds: KeySearchKinds; after?: KeyPosition; limit: number },
): Promise<KeyListRow[]> {
  const kinds = Object.entries(p.kinds).filter((e): e is [KeyMatchKind, string] => typeof e[1] === "string" && e[1].length > 0);
  const ids = new Set<string>();
  let broad = kinds;
  if (kinds.length > 0) {
    const rows = rowsOf<{ kind: KeyMatchKind; n: number | string; id: string }>(await db.execute(phaseOne(p.workspaceId, kinds, p.after, p.limit)));
    const counts = new Map<KeyMatchKind, number>();
    for (const r of rows) counts.set(r.kind, Number(r.n));
    broad = kinds.filter(([kind]) => (counts.get(kind) ?? 0) > CANDIDATE_CAP);
    for (const r of rows) if (!broad.some(([kind]) => kind === r.kind)) ids.add(r.id);
  }
  if (kinds.length === 0 || broad.length > 0) {
    const apiIds = await liveApiIds(db, p.workspaceId);
    if (apiIds.length > 0) {
      const where = broad.length > 0 ? sql.join(broad.map(([kind, term]) => predicate(kind, term, p.workspaceId)), sql` or `) : undefined;
      for (const r of rowsOf<{ id: string }>(await db.execute(phaseTwo(p.workspaceId, apiIds, where, p.after, p.limit)))) ids.add(r.id);
    }
  }
  return keyListRows(db, p.workspaceId, [...ids], p.limit);
}

export type KeyListRow = {
  key: typeof keys.$inferSelect;
  apiName: string;
  externalId: string | null;
};

/** These keys of the workspace (others are simply not found), live ones only, newest first, at most `limit`. */
export async function keyListRows(db: Db | Tx, workspaceId: string, ids: string[], limit: number): Promise<KeyListRow[]> {
  if (ids.length === 0) return [];
  return db
    .select({ key: keys, apiName: apis.name, externalId: identities.externalId })
    .from(keys)
    .innerJoin(apis, eq(apis.id, keys.apiId))
    .leftJoin(identities, eq(identities.id, keys.identityId))
    .where(and(inArray(keys.id, ids), eq(keys.workspaceId, workspaceId), isNull(keys.deletedAt), isNull(apis.deletedAt)))
    .orderBy(desc(keys.createdAt), desc(keys.id))
    .limit(limit);
}

export type HourUsage = {
  hour: number;
  total: number;
  valid: number;
  rateLimited: number;
  insufficientPermissions: number;
  forbidden: number;
  disabled: number;
  expired: number;
  usageExceeded: number;
};

/**
 * One key's verifications per UTC hour in [start, end), from the per-key rollups (whoever owned the
 * key at the time), along `verification_rollups_key_hour_uq` (workspace_id, key_id, hour, …).
 */
export async function keyUsageByHour(db: Db | Tx, p: { workspaceId: string; keyId: string; start: number; end: number }): Promise<HourUsage[]> {
  const t = verificationRollups;
  const sum = (c: typeof t.total) => sql<number>`sum(${c})`.mapWith(Number);
  return db
    .select({
      hour: t.hour,
      total: sum(t.total),
      valid: sum(t.valid),
      rateLimited: sum(t.rateLimited),
      insufficientPermissions: sum(t.insufficientPermissions),
      forbidden: sum(t.forbidden),
      disabled: sum(t.disabled),
      expired: sum(t.expired),
      usageExceeded: sum(t.usageExceeded),
    })
    .from(t)
    .where(and(eq(t.workspaceId, p.workspaceId), eq(t.keyId, p.keyId), gte(t.hour, p.start), lt(t.hour, p.end)))
    .groupBy(t.hour)
    .orderBy(asc(t.hour));
}

/** The newest key of a lineage (the one with no `replaced_by`): it holds the lineage's credits. */
export async function lineageHead(db: Db | Tx, workspaceId: string, lineageId: string): Promise<typeof keys.$inferSelect | undefined> {
  const rows = await db
    .select()
    .from(keys)
    .where(and(eq(keys.workspaceId, workspaceId), eq(keys.lineageId, lineageId), isNull(keys.replacedBy)))
    .limit(1);
  return rows[0];
}
