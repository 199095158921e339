// @ts-check
// The one markdown table, and the machine it ran on.
import { execSync } from "node:child_process";
import os from "node:os";
import { SAMPLE_EVERY } from "./body-checks.mjs";

/** @typedef {import("./load.mjs").Figures} Figures */
/** @typedef {import("./scenarios.mjs").RunResult} RunResult */
/** @typedef {import("./scenarios.mjs").Verdict} Verdict */
/** @typedef {"postgres" | "pglite"} Backend */
/**
 * One scenario run on one backend.
 * @typedef {{
 *   backend: Backend, id: string, group: string, name: string, target: string,
 *   check: import("./scenarios.mjs").Scenario["check"], result: RunResult,
 * }} Run
 */
/**
 * Everything a bench run found (run.mjs fills it in; latest.json is this with verdicts added).
 * @typedef {{
 *   machine: ReturnType<typeof machine>,
 *   startedAt: string,
 *   sizes: { seconds: number, warmup: number, small: number, big: number, pgEvents: number, pgliteEvents: number, auditEvents?: number },
 *   floor: Partial<Record<Backend, Record<number, Figures>>>,
 *   runs: Run[],
 *   multi?: Awaited<ReturnType<typeof import("./multi.mjs").runMulti>> | { error: string },
 *   analyticsProbe?: Awaited<ReturnType<typeof import("./analytics-probe.mjs").analyticsProbe>>,
 *   ctxPg?: import("./seed.mjs").ApiSeed,
 * }} Results
 */
/**
 * One target's verdict on one backend (a row of latest.json's `targets`).
 * @typedef {{
 *   key: string, backend: string, name: string, conns?: number, target: string, figure: string,
 *   pass: boolean | null, mb?: number,
 * }} TargetVerdict
 */

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

/**
 * A figure with `d` decimals, or a dash when there is none.
 * @param {number | undefined} n
 */
const f = (n, d = 1) => (n !== undefined && Number.isFinite(n) ? n.toFixed(d) : "—");
/**
 * Wrong / checked response bodies, with the sampling rate when not every body was checked.
 * @param {import("./body-checks.mjs").BodyTally | undefined} t
 */
const bodiesCell = (t) => (t ? `${t.wrong} / ${t.checked}${t.every > 1 ? ` (1 in ${t.every})` : ""}` : "—");
/** @param {boolean | null | undefined} pass */
const mark = (pass) => (pass === null || pass === undefined ? "" : pass ? "pass" : "**miss**");

// The RSS target is on the verify load (64 conns), the scenario every deployment runs hottest.
/** @type {Record<Backend, number>} */
export const RSS_LIMIT_MB = { postgres: 250, pglite: 500 };

/**
 * A run's {figure, pass}: its check, or a miss when the run itself failed or its check cannot be computed.
 * @param {Run} run
 * @param {Results} results
 * @returns {Verdict}
 */
export function judge(run, results) {
  if (run.result.error) return { figure: `run failed: ${run.result.error}`, pass: false };
  const byId = Object.fromEntries(results.runs.filter((x) => x.backend === run.backend).map((x) => [x.id, x.result]));
  try {
    return run.check(run.result, byId);
  } catch (err) {
    return { figure: `check failed: ${err instanceof Error ? err.message : err}`, pass: false };
  }
}

/**
 * Per backend that ran verify-64: RSS max of the server during that run, against RSS_LIMIT_MB.
 * @param {Results} results
 */
export function rssVerdicts(results) {
  /** @type {(TargetVerdict & { mb: number })[]} */
  const out = [];
  for (const run of results.runs.filter((x) => x.id === "verify-64")) {
    const limit = RSS_LIMIT_MB[run.backend];
    const mb = run.result.rssMaxMB;
    const all = Math.max(...results.runs.filter((x) => x.backend === run.backend).map((x) => x.result.rssMaxMB).filter(Number.isFinite));
    out.push({
      key: "rss",
      backend: run.backend,
      name: "server RSS, max during the keys.verifyKey 64-conn run",
      target: `≤ ${limit} MB`,
      mb,
      figure: run.result.error ? "n/a (verify-64 failed)" : `${f(mb, 0)} MB (max over all runs ${f(all, 0)} MB)`,
      pass: Number.isFinite(mb) && mb <= limit,
    });
  }
  return out;
}

/**
 * Every target's verdict, flat: runs, RSS, --multi, and the analytics probe (informative: pass null; the
 * analytics target is the getVerifications endpoint's row). What latest.json keeps as `targets`.
 * @param {Results} results
 * @returns {TargetVerdict[]}
 */
export function verdicts(results) {
  /** @type {TargetVerdict[]} */
  const out = results.runs.map((run) => ({ key: run.id, backend: run.backend, name: run.name, conns: run.result.connections, target: run.target, ...judge(run, results) }));
  out.push(...rssVerdicts(results));
  const a = results.analyticsProbe;
  if (a) out.push({ key: "probe", backend: "postgres", name: "30 d buckets from verification_identity_rollups (SQL)", target: "(informative)", figure: `${f(a.rollupMs, 1)} ms`, pass: null });
  const m = results.multi;
  if (m && "error" in m) out.push({ key: "multi", backend: "postgres ×2", name: "--multi", target: "runs", figure: `run failed: ${m.error}`, pass: false });
  else for (const c of m?.checks ?? []) out.push({ key: `multi ${c.name}`, backend: "postgres ×2", name: c.name, target: c.expect, figure: c.figure, pass: c.pass });
  return out;
}

/**
 * One row per target with each backend's figure beside it, and a verdict that is a miss when any
 * backend misses (named). PGlite has the same targets, measured against the Postgres floor.
 * @param {Results} results
 */
function targetTable(results) {
  const rows = verdicts(results).filter((v) => v.pass !== null && v.pass !== undefined);
  const backends = ["postgres", "pglite"];
  const keys = [...new Set(rows.map((v) => v.key))];
  const out = ["| target | postgres | pglite | verdict |", "|---|---|---|---|"];
  for (const key of keys) {
    const mine = rows.filter((v) => v.key === key);
    // Two processes exist on Postgres only (PGlite serves one process).
    const postgresOnly = mine.every((v) => v.backend === "postgres ×2");
    /** @param {string} b */
    const cell = (b) => {
      const v = mine.find((x) => x.backend === b || (b === "postgres" && x.backend === "postgres ×2"));
      return v ? `${v.figure} — ${mark(v.pass)}` : postgresOnly && b === "pglite" ? "—" : "not run";
    };
    const missed = mine.filter((v) => !v.pass).map((v) => v.backend);
    const target = [...new Set(mine.map((v) => v.target))].join(" / ");
    const verdict = missed.length ? `**miss** (${missed.join(", ")})` : "pass";
    const c = mine.find((v) => v.conns)?.conns;
    const conns = c ? `, ${c} conn${c === 1 ? "" : "s"}` : "";
    out.push(`| ${mine[0]?.name}${conns}: ${target} | ${backends.map(cell).join(" | ")} | ${verdict} |`);
  }
  return out;
}

/** @param {Results} results */
export function renderTable(results) {
  const rows = [];
  rows.push("| backend | scenario | conns | req/s | p50 ms | p99 ms | errors | bodies wrong / checked | RSS MB | CPU ms/req | × floor | target | figure | result |");
  rows.push("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|---|---|");
  for (const run of results.runs) {
    const r = run.result;
    const v = judge(run, results);
    // A verify run against its own floor slices; any other run against the bare key's floor at its connection count.
    const fl = r.floor ?? (r.connections === undefined ? undefined : results.floor[run.backend]?.[r.connections]);
    const ratio = fl && !r.error ? f(r.rps / fl.rps, 2) : "—";
    if (r.floor) {
      const x = r.floor;
      rows.push(`| floor (Postgres) | bare node:http + postgres.js lookup, alternating with the next row | ${x.connections} | ${f(x.rps, 0)} | ${f(x.p50)} | ${f(x.p99)} | ${x.errors} | ${bodiesCell(x.bodies)} | ${f(x.rssMaxMB, 0)} | ${f(x.cpuMsPerReq, 2)} | 1.00 | | | |`);
    }
    rows.push(`| ${run.backend} | ${run.name} | ${r.connections ?? ""} | ${f(r.rps, 0)} | ${f(r.p50)} | ${f(r.p99)} | ${f(r.errors, 0)} | ${bodiesCell(r.bodies)} | ${f(r.rssMaxMB, 0)} | ${f(r.cpuMsPerReq, 2)} | ${ratio} | ${run.target} | ${v.figure} | ${mark(v.pass)} |`);
  }
  for (const v of rssVerdicts(results)) rows.push(`| ${v.backend} | ${v.name} | 64 | | | | | | ${f(v.mb, 0)} | | | ${v.target} | ${v.figure} | ${mark(v.pass)} |`);
  if (results.analyticsProbe) {
    // The SQL beside the endpoint's row: why the rollups exist, not a target (the endpoint's row is).
    const a = results.analyticsProbe;
    rows.push(`| postgres | 30 d buckets from raw events, before the rollups (SQL, EXPLAIN ANALYZE) | 1 | | ${f(a.rawMs, 0)} | | | | | | | (informative) | ${f(a.rawMs, 0)} ms | |`);
    rows.push(`| postgres | 30 d buckets from verification_identity_rollups (${a.rollupRows} rows; SQL, EXPLAIN ANALYZE) | 1 | | ${f(a.rollupMs, 1)} | | | | | | | (informative) | ${f(a.rollupMs, 1)} ms | |`);
  }
  const multi = results.multi;
  if (multi && "error" in multi) rows.push(`| postgres ×2 | --multi | | | | | | | | | | runs | run failed: ${multi.error} | **miss** |`);
  else if (multi) {
    const { one, two } = multi;
    rows.push(`| postgres ×1 via proxy | keys.verifyKey | 64 | ${f(one.rps, 0)} | ${f(one.p50)} | ${f(one.p99)} | ${one.errors} | ${bodiesCell(one.bodies)} | ${f(one.rssMaxMB, 0)} | ${f(one.cpuMsPerReq, 2)} | | | | |`);
    rows.push(`| postgres ×2 via proxy | keys.verifyKey | 64 | ${f(two.rps, 0)} | ${f(two.p50)} | ${f(two.p99)} | ${two.errors} | ${bodiesCell(two.bodies)} | ${f(two.rssMaxMB, 0)} | ${f(two.cpuMsPerReq, 2)} | | ×2 / ×1 req/s | ${f(two.rps / one.rps, 2)} | |`);
    for (const c of multi.checks) rows.push(`| postgres ×2 | ${c.name} | | | | | | | | | | ${c.expect} | ${c.figure} | ${mark(c.pass)} |`);
  }
  rows.push("");
  rows.push(...targetTable(results));
  const m = results.machine;
  rows.push("");
  rows.push(
    `Machine: ${m.cores} cores (${m.cpu}), ${m.ramGB} GB RAM, Node ${m.node}, Postgres ${m.postgres}, ${m.os}. ` +
      `Each load run ${results.sizes.seconds} s after a ${results.sizes.warmup} s warm-up, loopback, autocannon. ` +
      `The floor always uses Postgres (PGlite serves one process only), so PGlite rows compare against a Postgres floor. ` +
      `The floor runs alternate with Keyport's verify runs (3 slices each) so both see the same background load; “× floor” = req/s ÷ that floor's req/s at the same connection count. CPU ms/req = user+system CPU of the server process (from /proc) per request: it varies far less with background load than req/s. Errors = non-2xx + socket errors + timeouts; any error fails its target. ` +
      `Response bodies are checked too (autocannon runs: 1 in ${SAMPLE_EVERY}, the others: every one); one wrong body, or none checked, fails the target. ` +
      `The realistic key has credits and an auto-applied rate limit (a rate-limit upsert and a credit decrement per verification); its floor is the same bare lookup. ` +
      `The session flow is one client calling createSession then exchangeCode, again and again; its latency is the two calls together. ` +
      `Server RSS is judged on the verify run at 64 conns (${Object.entries(RSS_LIMIT_MB).map(([b, mb]) => `${b} ≤ ${mb} MB`).join(", ")}). ` +
      `PGlite analytics runs over ${(results.sizes.pgliteEvents / 1e6).toFixed(1)} M events, Postgres over ${(results.sizes.pgEvents / 1e6).toFixed(1)} M.`,
  );
  return rows.join("\n");
}
