import "server-only";
import { sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import type { VerificationOutcome } from "@/db/schema";

export type VerificationEventRow = {
  time: number;
  workspaceId: string;
  apiId: string | null;
  keyId: string | null;
  identityId: string | null;
  outcome: VerificationOutcome;
};

const COUNTERS = ["total", "valid", "rate_limited", "insufficient_permissions", "forbidden", "disabled", "expired", "usage_exceeded", "not_found"];
const OUTCOMES: VerificationOutcome[] = ["VALID", "RATE_LIMITED", "INSUFFICIENT_PERMISSIONS", "FORBIDDEN", "DISABLED", "EXPIRED", "USAGE_EXCEEDED", "NOT_FOUND"];
/** count(*) and one count per outcome, in COUNTERS order (constants only, no input). */
const COUNTS = sql.raw(["count(*)", ...OUTCOMES.map((o) => `count(*) filter (where outcome = '${o}')`)].join(", "));
const addCounters = (table: string) => sql.raw(COUNTERS.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(", "));
const COUNTER_COLUMNS = sql.raw(COUNTERS.join(", "));

/**
 * One statement per batch: the batch's id, the multi-row INSERT of the events and, in data-modifying
 * CTEs, the upserts of their hourly rollups (per key: verification_rollups; per end user and API:
 * verification_identity_rollups). One statement is one transaction, so a flush lands whole or not at
 * all; a batch id already recorded (a retry after a lost acknowledgement) inserts nothing, so no event
 * is ever counted twice in any table. Rows are upserted in conflict-key order so two processes flushing
 * at once lock them in the same order.
 */
export async function insertVerificationEvents(db: Db | Tx, batchId: string, rows: VerificationEventRow[]): Promise<void> {
  if (rows.length === 0) return;
  const column = <T>(pick: (r: VerificationEventRow) => T) => sql.param(rows.map(pick));
  await db.execute(sql`
    with batch as (
      insert into verification_flushes (batch_id, time) values (${batchId}, ${Date.now()}::bigint)
      on conflict do nothing
      returning batch_id
    ), ev as (
      insert into verification_events (time, workspace_id, api_id, key_id, identity_id, outcome)
      select * from unnest(${column((r) => r.time)}::bigint[], ${column((r) => r.workspaceId)}::text[], ${column((r) => r.apiId)}::text[],
        ${column((r) => r.keyId)}::text[], ${column((r) => r.identityId)}::text[], ${column((r) => r.outcome)}::text[])
      where exists (select 1 from batch)
      returning time, workspace_id, api_id, key_id, identity_id, outcome
    ), per_key as (
      insert into verification_rollups (workspace_id, key_id, hour, identity_id, api_id, ${COUNTER_COLUMNS})
      select workspace_id, key_id, (time / 3600000) * 3600000, identity_id, api_id, ${COUNTS}
      from ev
      where key_id is not null
      group by 1, 2, 3, 4, 5
      order by 1, 2, 3, 4, 5
      on conflict on constraint verification_rollups_key_hour_uq do update set ${addCounters("verification_rollups")}
    )
    insert into verification_identity_rollups (workspace_id, identity_id, hour, api_id, ${COUNTER_COLUMNS})
    select workspace_id, identity_id, (time / 3600000) * 3600000, api_id, ${COUNTS}
    from ev
    where identity_id is not null
    group by 1, 2, 3, 4
    order by 1, 2, 3, 4
    on conflict on constraint verification_identity_rollups_hour_uq do update set ${addCounters("verification_identity_rollups")}`);
}

/** Batch ids older than `before` can no longer be retried: their rows go. */
export async function pruneVerificationFlushes(db: Db | Tx, before: number): Promise<void> {
  await db.execute(sql`delete from verification_flushes where time < ${before}`);
}
