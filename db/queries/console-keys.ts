import "server-only";
import { and, asc, type Column, desc, eq, gte, inArray, isNull, lt, type SQL, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { apis, identities, keys, verificationRollups } from "@/db/schema";

/**
 * The console's key search (docs/console.md "Keys and sessions"). Every term kind is a prefix match
 * that one index answers without reading the rest of the workspace:
 *
 * | kind       | predicate                                  | index                                               |
 * |------------|--------------------------------------------|-----------------------------------------------------|
 * | keyId      | `id = t`, else `id like 't%'`              | the primary key; the prefix wants `(workspace_id, id text_pattern_ops)` |
 * | start      | `start like 't%'`                          | `(workspace_id, start text_pattern_ops)`            |
 * | name       | `lower(name) like lower('t%')`             | `(workspace_id, lower(name) text_pattern_ops)`      |
 * | externalId | `identities.external_id like 't%'` → keys  | `(workspace_id, external_id text_pattern_ops)`, then `keys_identity_idx` |
 *
 * Phase 1 reads each kind's matches through its index, at most CANDIDATE_CAP + 1 of them, and keeps
 * the newest. A kind with more matches than that (`sk_live_` matches every key) is broad, and is
 * answered the other way round (phase 2): the workspace's keys newest first — a merge of each API's
 * `(api_id, created_at, id)` index — keeping those the predicate accepts, which stops after a page
 * as long as matches are not rare among the newest WINDOW keys. When they are, the broad kind's
 * matches are read through its index after all (phase 3). Pages are keyset pages on
 * (created_at, id), never OFFSET.
 */

export type KeyMatchKind = "keyId" | "start" | "name" | "externalId";
export type KeySearchKinds = Partial<Record<KeyMatchKind, string>>;
export type KeyPosition = { createdAt: number; id: string };

/** Matches one kind may have before it counts as broad. */
export const CANDIDATE_CAP = 1000;
/** Newest keys phase 2 looks through for a page of a broad kind's matches before phase 3. */
export const WINDOW = 10_000;

/** `t%` for LIKE with the default escape character: `\`, `%` and `_` in the user's text match themselves. */
export function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}

const after = (alias: string, p: KeyPosition | undefined) =>
  p ? sql`and (${sql.raw(alias)}.created_at, ${sql.raw(alias)}.id) < (${p.createdAt}::bigint, ${p.id})` : sql``;
const LIVE_API = sql`join apis a on a.id = k.api_id and a.deleted_at is null`;

/** A kind's matches among the workspace's live keys, through its index; at most `cap` rows when given. */
function matches(workspaceId: string, kind: KeyMatchKind, term: string, position: KeyPosition | undefined, cap?: number): SQL {
  const pattern = likePrefix(term);
  // With a cap, rows come in the index's own order (`using ~<~`, the text_pattern_ops order), so the
  // capped scan is the index's range and never a scan of the workspace that stops at the cap.
  const limit = (column: string) => (cap === undefined ? sql`` : sql`order by ${sql.raw(column)} using ~<~ limit ${cap}`);
  const live = sql`k.workspace_id = ${workspaceId} and k.deleted_at is null ${after("k", position)}`;
  switch (kind) {
    case "keyId":
      // An exact id is one primary-key probe; only when there is none does the prefix run (a
      // one-time filter, so a pasted id never reads more than its row). Not in index order: without
      // the prefix's index that order is a sort, planned in parallel, whose workers start even when
      // the filter stops them.
      return sql`(select k.id, k.created_at from keys k ${LIVE_API} where k.id = ${term} and ${live})
        union all
        (select k.id, k.created_at from keys k ${LIVE_API}
          where not exists (select 1 from keys x where x.id = ${term} and x.workspace_id = ${workspaceId})
            and k.id like ${pattern} and ${live} ${cap === undefined ? sql`` : sql`limit ${cap}`})`;
    case "start":
      return sql`select k.id, k.created_at from keys k ${LIVE_API} where k.start like ${pattern} and ${live} ${limit("k.start")}`;
    case "name":
      return sql`select k.id, k.created_at from keys k ${LIVE_API} where lower(k.name) like lower(${pattern}) and ${live} ${limit("lower(k.name)")}`;
    case "externalId":
      return sql`select k.id, k.created_at from identities i join keys k on k.identity_id = i.id ${LIVE_API}
        where i.workspace_id = ${workspaceId} and i.external_id like ${pattern} and ${live} ${limit("i.external_id")}`;
  }
}

/** Phase 1: per kind, how many matches (up to CANDIDATE_CAP + 1) and the newest `limit` of them. */
function phaseOne(workspaceId: string, kinds: [KeyMatchKind, string][], position: KeyPosition | undefined, limit: number): SQL {
  const name = (kind: KeyMatchKind) => sql.raw(`m_${kind}`);
  const ctes = sql.join(
    kinds.map(([kind, term]) => sql`${name(kind)} as materialized (${matches(workspaceId, kind, term, position, CANDIDATE_CAP + 1)})`),
    sql`, `,
  );
  const picks = sql.join(
    kinds.map(
      ([kind]) =>
        sql`(select ${kind}::text as kind, (select count(*) from ${name(kind)})::int as n, m.id, m.created_at
          from ${name(kind)} m order by m.created_at desc, m.id desc limit ${limit})`,
    ),
    sql` union all `,
  );
  return sql`with ${ctes} ${picks}`;
}

/** A kind's predicate over a row `w` of the newest keys (phase 2). The owner is looked up per row, so the scan can stop early. */
function accepts(kind: KeyMatchKind, term: string): SQL {
  const pattern = likePrefix(term);
  switch (kind) {
    case "keyId":
      return sql`w.id like ${pattern}`;
    case "start":
      return sql`w.start like ${pattern}`;
    case "name":
      return sql`lower(w.name) like lower(${pattern})`;
    case "externalId":
      return sql`(select i.external_id from identities i where i.id = w.identity_id) like ${pattern}`;
  }
}

/**
 * Phase 2 (and the list without a term): the workspace's live keys newest first, merged from each
 * live API's (api_id, created_at, id) index; with `where`, only the first WINDOW of them are looked
 * through. At most `limit` rows.
 */
function newestFirst(workspaceId: string, apiIds: string[], where: SQL | undefined, position: KeyPosition | undefined, limit: number): SQL {
  const branch = (apiId: string, n: number) =>
    sql`(select k.id, k.created_at, k.name, k.start, k.identity_id from keys k
      where k.api_id = ${apiId} and k.workspace_id = ${workspaceId} and k.deleted_at is null ${after("k", position)}
      order by k.created_at desc, k.id desc limit ${n})`;
  const merged = (n: number) =>
    sql`select u.* from (${sql.join(apiIds.map((id) => branch(id, n)), sql` union all `)}) u order by u.created_at desc, u.id desc limit ${n}`;
  if (!where) return sql`select w.id, w.created_at from (${merged(limit)}) w`;
  return sql`select w.id, w.created_at from (${merged(WINDOW)}) w where ${where} order by w.created_at desc, w.id desc limit ${limit}`;
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
 * there is a next one). Each phase yields the newest `limit` matches of its kinds, so the newest
 * `limit` of them all are the answer; the final order is Postgres's, as the cursor's is.
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
      const where = broad.length > 0 ? sql`(${sql.join(broad.map(([kind, term]) => accepts(kind, term)), sql` or `)})` : undefined;
      const newest = rowsOf<{ id: string }>(await db.execute(newestFirst(p.workspaceId, apiIds, where, p.after, p.limit)));
      for (const r of newest) ids.add(r.id);
      if (where && newest.length < p.limit) {
        // Matches are rare among the newest keys: read the broad kinds' matches through their indexes.
        const found = sql.join(broad.map(([kind, term]) => sql`(${matches(p.workspaceId, kind, term, p.after)})`), sql` union all `);
        const rows = rowsOf<{ id: string }>(await db.execute(sql`select f.id from (${found}) f order by f.created_at desc, f.id desc limit ${p.limit}`));
        for (const r of rows) ids.add(r.id);
      }
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
  const sum = (c: Column) => sql<number>`sum(${c})`.mapWith(Number);
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
