import "server-only";
import { lt, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { ratelimitCounters } from "@/db/schema";

/**
 * One atomic step of the sliding-window estimate (see lib/verification/apply-ratelimits.ts):
 * adds `cost` to the current window's counter only if
 *   current + cost + floor(previous × weight) ≤ limit,
 * and returns the new current count, or undefined when the limit would be exceeded.
 * INSERT … ON CONFLICT DO UPDATE … WHERE locks the counter row, and Postgres re-checks the WHERE
 * against the latest row version, so concurrent callers in any process serialise on it.
 */
export async function consumeRatelimit(
  db: Db | Tx,
  p: { subject: string; name: string; windowStart: number; previousStart: number; weight: number; cost: number; limit: number; expiresAt: number },
): Promise<{ current: number; previous: number } | undefined> {
  const prev = sql`coalesce((select c.count from ratelimit_counters c where c.subject = ${p.subject} and c.name = ${p.name} and c.window_start = ${p.previousStart}), 0)`;
  const weighted = sql`floor(${prev} * ${p.weight}::float8)`;
  const rows = await db.execute<{ count: number; previous: number }>(sql`
    insert into ratelimit_counters (subject, name, window_start, count, expires_at)
    select ${p.subject}, ${p.name}, ${p.windowStart}::bigint, ${p.cost}::int, ${p.expiresAt}::bigint
    where ${p.cost}::int + ${weighted} <= ${p.limit}
    on conflict (subject, name, window_start) do update
      set count = ratelimit_counters.count + excluded.count
      where ratelimit_counters.count + excluded.count + ${weighted} <= ${p.limit}
    returning count, ${weighted}::int as previous`);
  const list = Array.isArray(rows) ? rows : (rows as { rows: { count: number; previous: number }[] }).rows;
  const row = list[0];
  return row ? { current: Number(row.count), previous: Number(row.previous) } : undefined;
}

/** Counters whose windows can no longer matter. */
export async function pruneRatelimitCounters(db: Db | Tx, before: number): Promise<void> {
  await db.delete(ratelimitCounters).where(lt(ratelimitCounters.expiresAt, before));
}
