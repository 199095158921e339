// For the getVerifications target on Postgres: the query Keyport runs today under EXPLAIN ANALYZE,
// and a prototype of the proposed fix (an hourly rollup per end user, API and outcome, built here
// with SQL in a scratch table) timed the same way. Nothing here changes the product.
const DAY = 86_400_000;

function execMs(planRows) {
  const text = planRows.map((r) => r["QUERY PLAN"]).join("\n");
  const m = /Execution Time: ([\d.]+) ms/.exec(text);
  return { ms: m ? Number(m[1]) : NaN, plan: text };
}

export async function analyticsProbe(sql, ctx, at, log) {
  const start = at - 30 * DAY;
  const today = execMs(
    await sql.unsafe(
      `explain (analyze, buffers) select (time / 86400000::bigint) * 86400000::bigint as bucket, outcome, count(*)
       from verification_events
       where workspace_id = $1 and identity_id = $2 and api_id in ($3) and time >= $4 and time < $5
       group by 1, outcome`,
      [ctx.workspaceId, ctx.identityId, ctx.apiMain, start, at],
    ),
  );
  log(`analytics probe: today's query ${today.ms.toFixed(0)} ms (EXPLAIN ANALYZE)`);
  const t0 = Date.now();
  await sql.unsafe(`drop table if exists bench_rollup_hourly`);
  await sql.unsafe(
    `create table bench_rollup_hourly as
     select workspace_id, identity_id, api_id, (time / 3600000) * 3600000 as hour, outcome, count(*)::bigint as n
     from verification_events group by 1, 2, 3, 4, 5`,
  );
  await sql.unsafe(`create index on bench_rollup_hourly (workspace_id, identity_id, hour)`);
  await sql.unsafe(`analyze bench_rollup_hourly`);
  const buildMs = Date.now() - t0;
  const [{ rows }] = await sql.unsafe(`select count(*)::int as rows from bench_rollup_hourly`);
  const rollup = execMs(
    await sql.unsafe(
      `explain (analyze, buffers) select (hour / 86400000::bigint) * 86400000::bigint as bucket, outcome, sum(n)
       from bench_rollup_hourly
       where workspace_id = $1 and identity_id = $2 and api_id in ($3) and hour >= $4 and hour < $5
       group by 1, outcome`,
      [ctx.workspaceId, ctx.identityId, ctx.apiMain, Math.ceil(start / 3_600_000) * 3_600_000, at],
    ),
  );
  log(`analytics probe: rollup (${rows} rows, built in ${(buildMs / 1000).toFixed(0)} s) query ${rollup.ms.toFixed(1)} ms`);
  await sql.unsafe(`drop table bench_rollup_hourly`);
  return { todayMs: today.ms, todayPlan: today.plan, rollupMs: rollup.ms, rollupPlan: rollup.plan, rollupRows: rows, rollupBuildMs: buildMs };
}
