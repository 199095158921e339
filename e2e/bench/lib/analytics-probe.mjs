// @ts-check
// For the getVerifications target on Postgres: under EXPLAIN ANALYZE, the same 30-day question asked
// of the raw events (what Keyport ran before the rollups) and of the per-user hourly rollup that
// portal.getVerifications reads now (verification_identity_rollups). Nothing here changes the product.
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** @param {readonly import("postgres").Row[]} planRows  EXPLAIN's output, one line of text per row */
function execMs(planRows) {
  const text = planRows.map((r) => r["QUERY PLAN"]).join("\n");
  const m = /Execution Time: ([\d.]+) ms/.exec(text);
  return { ms: m ? Number(m[1]) : NaN, plan: text };
}

/**
 * @param {import("postgres").Sql} sql
 * @param {import("./seed.mjs").SeedContext} ctx
 * @param {number} at  the end of the 30 days (ms)
 * @param {(message: string) => void} log
 */
export async function analyticsProbe(sql, ctx, at, log) {
  const start = at - 30 * DAY;
  const raw = execMs(
    await sql.unsafe(
      `explain (analyze, buffers) select (time / 86400000::bigint) * 86400000::bigint as bucket, outcome, count(*)
       from verification_events
       where workspace_id = $1 and identity_id = $2 and api_id in ($3) and time >= $4 and time < $5
       group by 1, outcome`,
      [ctx.workspaceId, ctx.identityId, ctx.apiMain, start, at],
    ),
  );
  log(`analytics probe: raw events ${raw.ms.toFixed(0)} ms (EXPLAIN ANALYZE)`);
  const counted = await sql.unsafe(`select count(*)::int as rows from verification_identity_rollups where workspace_id = $1`, [ctx.workspaceId]);
  /** @type {number | undefined} */
  const rows = counted[0]?.rows;
  const rollup = execMs(
    await sql.unsafe(
      `explain (analyze, buffers) select (hour / 86400000::bigint) * 86400000::bigint as bucket, sum(total), sum(valid), sum(rate_limited)
       from verification_identity_rollups
       where workspace_id = $1 and identity_id = $2 and api_id in ($3) and hour >= $4 and hour < $5
       group by 1`,
      [ctx.workspaceId, ctx.identityId, ctx.apiMain, Math.ceil(start / HOUR) * HOUR, at],
    ),
  );
  log(`analytics probe: rollup (${rows} rows) ${rollup.ms.toFixed(1)} ms`);
  return { rawMs: raw.ms, rawPlan: raw.plan, rollupMs: rollup.ms, rollupPlan: rollup.plan, rollupRows: rows };
}
