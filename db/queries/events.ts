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

/**
 * One statement per batch: the multi-row INSERT of the events, and in a data-modifying CTE the upsert
 * of their hourly rollups (verification_rollups). One statement is one transaction, so a flush lands
 * whole or not at all (a retry after a cut cannot count an event twice in either table). Rows are
 * upserted in conflict-key order so two processes flushing at once lock them in the same order.
 */
export async function insertVerificationEvents(db: Db | Tx, rows: VerificationEventRow[]): Promise<void> {
  if (rows.length === 0) return;
  const values = sql.join(
    rows.map((r) => sql`(${r.time}::bigint, ${r.workspaceId}, ${r.apiId}, ${r.keyId}, ${r.identityId}, ${r.outcome})`),
    sql`, `,
  );
  const n = (outcome: VerificationOutcome) => sql.raw(`count(*) filter (where outcome = '${outcome}')`);
  await db.execute(sql`
    with ev as (
      insert into verification_events (time, workspace_id, api_id, key_id, identity_id, outcome)
      values ${values}
      returning time, workspace_id, api_id, key_id, identity_id, outcome
    )
    insert into verification_rollups
      (workspace_id, key_id, hour, identity_id, api_id, total, valid, rate_limited, insufficient_permissions, forbidden, disabled, expired, usage_exceeded, not_found)
    select workspace_id, key_id, (time / 3600000) * 3600000, identity_id, api_id, count(*),
      ${n("VALID")}, ${n("RATE_LIMITED")}, ${n("INSUFFICIENT_PERMISSIONS")}, ${n("FORBIDDEN")},
      ${n("DISABLED")}, ${n("EXPIRED")}, ${n("USAGE_EXCEEDED")}, ${n("NOT_FOUND")}
    from ev
    where key_id is not null
    group by 1, 2, 3, 4, 5
    order by 1, 2, 3, 4, 5
    on conflict on constraint verification_rollups_key_hour_uq do update set
      total = verification_rollups.total + excluded.total,
      valid = verification_rollups.valid + excluded.valid,
      rate_limited = verification_rollups.rate_limited + excluded.rate_limited,
      insufficient_permissions = verification_rollups.insufficient_permissions + excluded.insufficient_permissions,
      forbidden = verification_rollups.forbidden + excluded.forbidden,
      disabled = verification_rollups.disabled + excluded.disabled,
      expired = verification_rollups.expired + excluded.expired,
      usage_exceeded = verification_rollups.usage_exceeded + excluded.usage_exceeded,
      not_found = verification_rollups.not_found + excluded.not_found`);
}
