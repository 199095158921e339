// The one markdown table, and the machine it ran on.
import { execSync } from "node:child_process";
import os from "node:os";

export function machine() {
  let pg = "";
  try {
    pg = execSync("psql -h 127.0.0.1 -U postgres -tAc 'show server_version'", { encoding: "utf8" }).trim();
  } catch {
    pg = "?";
  }
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    ramGB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres: pg,
    os: `${os.type()} ${os.release()}`,
  };
}

const f = (n, d = 1) => (Number.isFinite(n) ? Number(n).toFixed(d) : "—");

export function renderTable(results) {
  const rows = [];
  rows.push("| backend | scenario | conns | req/s | p50 ms | p99 ms | errors | RSS MB | CPU ms/req | × floor | target | figure | result |");
  rows.push("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|---|---|");
  const rss = {};
  for (const run of results.runs) {
    const r = run.result;
    const byId = Object.fromEntries(results.runs.filter((x) => x.backend === run.backend).map((x) => [x.id, x.result]));
    const v = run.check(r, byId);
    const fl = results.floor[run.backend]?.[r.connections];
    const ratio = fl ? f(r.rps / fl.rps, 2) : "—";
    const verdict = v.pass === null ? "" : v.pass ? "pass" : "**miss**";
    rss[run.backend] = Math.max(rss[run.backend] ?? 0, r.rssMaxMB);
    if (r.floor) {
      const x = r.floor;
      rows.push(`| floor (Postgres) | bare node:http + postgres.js lookup, alternating with the next row | ${x.connections} | ${f(x.rps, 0)} | ${f(x.p50)} | ${f(x.p99)} | ${x.errors} | ${f(x.rssMaxMB, 0)} | ${f(x.cpuMsPerReq, 2)} | 1.00 | | | |`);
    }
    rows.push(`| ${run.backend} | ${run.name} | ${r.connections} | ${f(r.rps, 0)} | ${f(r.p50)} | ${f(r.p99)} | ${r.errors} | ${f(r.rssMaxMB, 0)} | ${f(r.cpuMsPerReq, 2)} | ${ratio} | ${run.target} | ${v.figure} | ${verdict} |`);
  }
  const limit = { postgres: 250, pglite: 500 };
  for (const [b, mb] of Object.entries(rss)) {
    rows.push(`| ${b} | server RSS, max under load | | | | | | ${f(mb, 0)} | | | ≤ ${limit[b]} MB | ${f(mb, 0)} MB | ${mb <= limit[b] ? "pass" : "**miss**"} |`);
  }
  if (results.analyticsProbe) {
    const a = results.analyticsProbe;
    rows.push(`| postgres | 30 d buckets from raw events, before the rollups (EXPLAIN ANALYZE) | 1 | | ${f(a.rawMs, 0)} | | | | | | (baseline) | ${f(a.rawMs, 0)} ms | |`);
    rows.push(`| postgres | 30 d buckets from verification_identity_rollups (${a.rollupRows} rows; what Keyport reads) | 1 | | ${f(a.rollupMs, 1)} | | | | | | ≤ 200 ms | ${f(a.rollupMs, 1)} ms | ${a.rollupMs <= 200 ? "pass" : "**miss**"} |`);
  }
  if (results.multi) {
    const m = results.multi;
    rows.push(`| postgres ×1 via proxy | keys.verifyKey | 64 | ${f(m.one.rps, 0)} | ${f(m.one.p50)} | ${f(m.one.p99)} | ${m.one.errors} | ${f(m.one.rssMaxMB, 0)} | ${f(m.one.cpuMsPerReq, 2)} | | | | |`);
    rows.push(`| postgres ×2 via proxy | keys.verifyKey | 64 | ${f(m.two.rps, 0)} | ${f(m.two.p50)} | ${f(m.two.p99)} | ${m.two.errors} | ${f(m.two.rssMaxMB, 0)} | ${f(m.two.cpuMsPerReq, 2)} | | ×2 / ×1 req/s | ${f(m.two.rps / m.one.rps, 2)} | |`);
    for (const c of m.checks) rows.push(`| postgres ×2 | ${c.name} | | | | | | | | | ${c.expect} | ${c.figure} | ${c.pass ? "pass" : "**miss**"} |`);
  }
  const m = results.machine;
  rows.push("");
  rows.push(
    `Machine: ${m.cores} cores (${m.cpu}), ${m.ramGB} GB RAM, Node ${m.node}, Postgres ${m.postgres}, ${m.os}. ` +
      `Each load run ${results.sizes.seconds} s after a ${results.sizes.warmup} s warm-up, loopback, autocannon. ` +
      `The floor always uses Postgres (PGlite serves one process only), so PGlite rows compare against a Postgres floor. ` +
      `The floor runs alternate with Keyport's verify runs (3 slices each) so both see the same background load; “× floor” = req/s ÷ that floor's req/s at the same connection count. CPU ms/req = user+system CPU of the server process (from /proc) per request: it varies far less with background load than req/s. Errors = non-2xx + socket errors + timeouts. ` +
      `PGlite analytics runs over ${(results.sizes.pgliteEvents / 1e6).toFixed(1)} M events, Postgres over ${(results.sizes.pgEvents / 1e6).toFixed(1)} M.`,
  );
  return rows.join("\n");
}
