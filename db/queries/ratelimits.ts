import "server-only";
import { lt, type SQL, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { ratelimitCounters } from "@/db/schema";

/** One rate-limit counter step of a verification (lib/verification/apply-ratelimits.ts computes it). */
export type CounterStep = { subject: string; name: string; windowStart: number; previousStart: number; weight: number; cost: number; limit: number; expiresAt: number };

/** Counter after an admitted step: the current window's new count and the weighted previous window. */
export type CounterAfter = { current: number; previous: number };

/**
 * One atomic step of the sliding-window estimate: adds `cost` to the current window's counter only if
 *   current + cost + floor(previous × weight) ≤ limit,
 * returning the new count, or no row when the limit would be exceeded. INSERT … ON CONFLICT DO UPDATE
 * … WHERE locks the counter row, and Postgres re-checks the WHERE against the latest row version, so
 * concurrent callers in any process serialise on it.
 */
function counterUpsert(p: CounterStep): SQL {
  const prev = sql`coalesce((select c.count from ratelimit_counters c where c.subject = ${p.subject} and c.name = ${p.name} and c.window_start = ${p.previousStart}), 0)`;
  const weighted = sql`floor(${prev} * ${p.weight}::float8)`;
  return sql`
    insert into ratelimit_counters (subject, name, window_start, count, expires_at)
    select ${p.subject}, ${p.name}, ${p.windowStart}::bigint, ${p.cost}::int, ${p.expiresAt}::bigint
    where ${p.cost}::int + ${weighted} <= ${p.limit}
    on conflict (subject, name, window_start) do update
      set count = ratelimit_counters.count + excluded.count
      where ratelimit_counters.count + excluded.count + ${weighted} <= ${p.limit}
    returning count, ${weighted}::int as previous`;
}

/**
 * Every counter step of one verification and, when they all admit it, its credit deduction — in ONE
 * statement, so a verification with rate limits and credits waits for one commit instead of one per
 * write (docs/benchmarks.md "Why 0.13 for the realistic key"). Each step consumes its cost when it
 * passes, even when another fails (as separate statements did, and as Unkey does); the deduction runs
 * only when every step passed (`exists` over each step's RETURNING) and is the same conditional UPDATE
 * as db/queries/keys.ts deductCredits: never below zero, never from a row rerolled meanwhile. Locks are
 * taken in one order (counters in the given order, then the key row), so two verifications never
 * deadlock. `credit: undefined` = the key is unlimited, or a step could never pass (cost > limit).
 */
export async function spendVerification(
  db: Db | Tx,
  steps: readonly CounterStep[],
  credit: { keyId: string; cost: number } | undefined,
): Promise<{ counters: (CounterAfter | undefined)[]; creditsLeft: number | undefined }> {
  if (steps.length === 0 && !credit) return { counters: [], creditsLeft: undefined };
  const ctes = steps.map((s, i) => sql`${sql.raw(`r${i}`)} as (${counterUpsert(s)})`);
  const columns = steps.map((_, i) => sql.raw(`(select count from r${i}) as c${i}, (select previous from r${i}) as p${i}`));
  if (credit) {
    const admitted = steps.map((_, i) => sql.raw(` and exists (select 1 from r${i})`));
    ctes.push(sql`cr as (
      update keys set credits_remaining = credits_remaining - ${credit.cost}::int
      where id = ${credit.keyId} and replaced_by is null and credits_remaining >= ${credit.cost}::int${sql.join(admitted)}
      returning credits_remaining)`);
    columns.push(sql`(select credits_remaining from cr) as credits_left`);
  }
  const rows = await db.execute<Record<string, number | string | null>>(sql`with ${sql.join(ctes, sql`, `)} select ${sql.join(columns, sql`, `)}`);
  const list = Array.isArray(rows) ? rows : (rows as { rows: Record<string, number | string | null>[] }).rows;
  const row = list[0] ?? {};
  const num = (v: number | string | null | undefined) => (v === null || v === undefined ? undefined : Number(v));
  const counters = steps.map((_, i) => {
    const current = num(row[`c${i}`]);
    return current === undefined ? undefined : { current, previous: num(row[`p${i}`]) ?? 0 };
  });
  return { counters, creditsLeft: credit ? num(row.credits_left) : undefined };
}

/** Counters whose windows can no longer matter. */
export async function pruneRatelimitCounters(db: Db | Tx, before: number): Promise<void> {
  await db.delete(ratelimitCounters).where(lt(ratelimitCounters.expiresAt, before));
}
