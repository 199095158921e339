#!/usr/bin/env node
// @ts-check
// npm run bench [-- --only verify,portal] [--multi] [--quick] [--pg-only] [--profile] [--seconds N] [--report-only] [--help]
// Builds (if needed) and starts production Keyport servers, seeds data, drives load on loopback with
// autocannon, prints one markdown table and writes bench-results/latest.json; exits 1 when a target is
// missed (unless --report-only). See docs/benchmarks.md.
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { analyticsProbe } from "./lib/analytics-probe.mjs";
import { seedAudit } from "./lib/audit-list.mjs";
import { ensureBuild } from "./lib/build.mjs";
import { runMulti } from "./lib/multi.mjs";
import { startFloor, startKeyport } from "./lib/processes.mjs";
import { keySearchWorkspace, measureKeySearch, seedKeySearch } from "./lib/key-search.mjs";
import { GROUPS, scenarios } from "./lib/scenarios.mjs";
import { portalSession, seedSql, seedViaApi } from "./lib/seed.mjs";
import { judge, machine, renderTable, verdicts } from "./lib/report.mjs";

/** @typedef {import("./lib/processes.mjs").Server} Server */
/** @typedef {import("./lib/report.mjs").Backend} Backend */
/** @typedef {import("./lib/scenarios.mjs").RunResult} RunResult */
/** @typedef {import("./lib/seed.mjs").SeedContext} SeedContext */

const USAGE = `npm run bench [-- options]   (or: node e2e/bench/run.mjs [options])
  --only <groups>   comma-separated: ${GROUPS.join(", ")} (default: all)
  --multi           also two Keyport processes on one Postgres behind a round-robin proxy
  --quick           3 s runs, 100 k / 0.5 M rows: a smoke test
  --pg-only         skip the PGlite half
  --profile         the Postgres server runs with --cpu-prof (bench-results/profiles/)
  --seconds <n>     length of each measured run
  --pg-url <url>    Postgres server without a database name (default $BENCH_PG_URL or postgres://postgres@127.0.0.1:5432)
  --report-only     exit 0 even when targets are missed (the table is printed either way)
  --help            this text
Exit status: 0 every target met; 1 a target missed (0 with --report-only), or a scenario or the bench
itself failed to run; 2 bad options.`;

let parsed;
try {
  parsed = parseArgs({
    options: {
      help: { type: "boolean", short: "h", default: false },
      only: { type: "string" },
      multi: { type: "boolean", default: false },
      quick: { type: "boolean", default: false },
      "pg-only": { type: "boolean", default: false },
      profile: { type: "boolean", default: false },
      seconds: { type: "string" },
      "report-only": { type: "boolean", default: false },
      "pg-url": { type: "string", default: process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432" },
    },
  });
} catch (err) {
  console.error(`${err instanceof Error ? err.message : err}\n\n${USAGE}`);
  process.exit(2);
}
const args = parsed.values;
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
// A typo in --only would otherwise run nothing and print an empty table.
const unknown = (args.only ?? "").split(",").filter((g) => g && !GROUPS.includes(g));
if (unknown.length) {
  console.error(`unknown group(s) in --only: ${unknown.join(", ")}\n\n${USAGE}`);
  process.exit(2);
}
if (args.seconds !== undefined && !(Number(args.seconds) > 0)) {
  console.error(`--seconds needs a positive number (got "${args.seconds}")\n\n${USAGE}`);
  process.exit(2);
}
const repo = path.resolve(new URL("../..", import.meta.url).pathname);
const t0 = Date.now();
const log = (/** @type {string} */ m) => console.error(`[bench ${((Date.now() - t0) / 1000).toFixed(0).padStart(3)} s] ${m}`);
const only = args.only ? new Set(args.only.split(",")) : undefined;
const wanted = (/** @type {string} */ group) => !only || only.has(group);
const SIZES = args.quick
  ? { seconds: 3, warmup: 1, small: 10_000, big: 100_000, pgEvents: 500_000, pgliteEvents: 200_000, auditEvents: 100_000 }
  : { seconds: 5, warmup: 1, small: 10_000, big: 1_000_000, pgEvents: 10_000_000, pgliteEvents: 1_000_000, auditEvents: 1_000_000 };
if (args.seconds) SIZES.seconds = Number(args.seconds);
const backends = args["pg-only"] ? ["postgres"] : ["postgres", "pglite"];
const needsBig = wanted("listkeys");
const needsEvents = wanted("analytics");
/** The console key search's workspace: SIZES.big keys (1 M; 100 k with --quick), a tenth as many end users, ~200 searches per kind. */
const keySearch = wanted("keysearch") ? { keys: SIZES.big, identities: SIZES.big / 10, n: args.quick ? 50 : 200 } : undefined;
const needsAudit = wanted("auditlist");

const operatorToken = `op_bench_${randomBytes(16).toString("hex")}`;
const sessionSecret = randomBytes(32).toString("hex");
const DB_NAME = `keyport_bench_${process.pid}`;
const adminUrl = `${args["pg-url"]}/postgres`;
const benchUrl = `${args["pg-url"]}/${DB_NAME}`;
/** @type {(() => Promise<void>)[]} */
const cleanups = [];
const cleanup = async () => {
  for (let undo = cleanups.pop(); undo; undo = cleanups.pop()) await undo().catch((e) => log(`cleanup: ${e instanceof Error ? e.message : e}`));
};
process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));
process.on("SIGTERM", () => void cleanup().then(() => process.exit(143)));

/** @type {import("./lib/report.mjs").Results} */
const results = { machine: machine(), startedAt: new Date().toISOString(), sizes: SIZES, floor: {}, runs: [], multi: undefined };

/** A scenario threw: its row is a miss, and the bench exits 1 even with --report-only (the report is incomplete). */
let runFailed = false;
/**
 * The floor server, started by the Postgres phase (which always runs first); PGlite runs against it too.
 * @type {Server | undefined}
 */
let floor;
/**
 * @param {string} who
 * @param {import("./lib/body-checks.mjs").BodyTally | undefined} b
 */
function logBodies(who, b) {
  if (b) log(`  ${who}bodies: ${b.wrong} wrong of ${b.checked} checked (1 in ${b.every}; ${b.expect})${b.example ? `; first wrong: ${b.example}` : ""}`);
}

/**
 * @param {Backend} backend
 * @param {Server} ks
 * @param {SeedContext} ctx
 * @param {{ cookie: string, token: string }} session
 */
async function runScenarios(backend, ks, ctx, session) {
  if (!floor || !results.ctxPg) throw new Error("the Postgres phase runs first: it starts the floor and seeds its keys");
  const fl = { base: floor.base, pid: floor.pid, rootKey: results.ctxPg.rootKey, key: results.ctxPg.verifyKey };
  const list = scenarios(ks, ctx, session, { seconds: SIZES.seconds, warmup: SIZES.warmup, floor: fl }).filter((s) => wanted(s.group));
  /** @type {Record<string, RunResult>} */
  const byId = {};
  for (const s of list) {
    log(`${backend}: ${s.id}…`);
    /** @type {RunResult} */
    let r;
    try {
      r = await s.run();
    } catch (err) {
      // One broken scenario is a miss in the table, not a bench without a table.
      log(`  ${s.id} failed: ${err instanceof Error ? (err.stack ?? err.message) : err}`);
      r = { error: err instanceof Error ? err.message : String(err), rps: NaN, p50: NaN, p99: NaN, errors: NaN, rssMaxMB: NaN, cpuMsPerReq: NaN };
      runFailed = true;
    }
    byId[s.id] = r;
    results.runs.push({ backend, id: s.id, group: s.group, name: s.name, target: s.target, check: s.check, result: r });
    if (r.floor) {
      // The bare key's pairing gives the floor other rows at that connection count are compared with.
      const floorByConns = (results.floor[backend] ??= {});
      if (r.connections !== undefined) floorByConns[r.connections] ??= r.floor;
      log(`  floor ${r.floor.rps.toFixed(0)} req/s, p50 ${r.floor.p50} ms, p99 ${r.floor.p99} ms, ${r.floor.cpuMsPerReq.toFixed(2)} CPU ms/req`);
    }
    if (!r.error) log(`  ${r.rps.toFixed(0)} req/s, p50 ${Number(r.p50).toFixed(1)} ms, p99 ${Number(r.p99).toFixed(1)} ms, errors ${r.errors}, RSS ${r.rssMaxMB.toFixed(0)} MB, ${r.cpuMsPerReq.toFixed(2)} CPU ms/req`);
    logBodies("", r.bodies);
    logBodies("floor ", r.floor?.bodies);
  }
  return byId;
}

/**
 * The console key search's rows (e2e/bench/lib/key-search.mjs), added to the table like a scenario's;
 * a failure is a miss, not a bench without a table.
 * @param {Backend} backend
 * @param {{ url?: string, dataDir?: string }} open
 * @param {string} workspaceId
 * @param {string} appDir
 * @param {import("./lib/seed.mjs").RunSql} [probeSql]  Postgres: also the key-id prefix with the index 0011 lacks (informative)
 */
async function measureKeySearchInto(backend, open, workspaceId, appDir, probeSql) {
  if (!keySearch) return;
  log(`${backend}: console key search…`);
  try {
    results.runs.push(...(await measureKeySearch({ appDir, backend, open, workspaceId, ...keySearch, log, probeSql })));
  } catch (err) {
    log(`  console key search failed: ${err instanceof Error ? (err.stack ?? err.message) : err}`);
    const r = { error: err instanceof Error ? err.message : String(err), rps: NaN, p50: NaN, p99: NaN, errors: NaN, rssMaxMB: NaN, cpuMsPerReq: NaN };
    results.runs.push({ backend, id: "keysearch", group: "keysearch", name: "console key search", target: "p50 ≤ 50 ms", result: r, check: () => ({ figure: "run failed", pass: false }) });
    runFailed = true;
  }
}

/** @param {string} appDir */
async function postgresPhase(appDir) {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${DB_NAME}`);
  await admin.unsafe(`create database ${DB_NAME}`);
  cleanups.push(async () => {
    await admin.unsafe(`drop database if exists ${DB_NAME} with (force)`);
    await admin.end();
  });
  const ks = await startKeyport({ appDir, db: { url: benchUrl }, operatorToken, sessionSecret, nodeArgs: args.profile ? ["--cpu-prof", `--cpu-prof-dir=${repo}/bench-results/profiles`] : [] });
  cleanups.push(() => ks.stop());
  log(`postgres: server pid ${ks.pid} at ${ks.base}`);
  const apiSeed = await seedViaApi(ks.base, operatorToken);
  results.ctxPg = apiSeed;
  const at = Date.now();
  const sql = postgres(benchUrl, { max: 2, onnotice: () => {}, connection: { maintenance_work_mem: "256MB" } });
  const seeded = await seedSql((text) => sql.unsafe(text), apiSeed, {
    parallel: 2,
    small: SIZES.small,
    big: needsBig ? SIZES.big : 0,
    events: needsEvents ? SIZES.pgEvents : 0,
    at,
    log,
  });
  const audit = needsAudit ? await seedAudit((text) => sql.unsafe(text), apiSeed, { events: SIZES.auditEvents, at, log, parallel: 2 }) : undefined;
  await sql.end();
  const ctx = Object.assign(apiSeed, seeded, { audit });
  if (keySearch) {
    const ksWs = await keySearchWorkspace(ks.base, operatorToken);
    const seedConn = postgres(benchUrl, { max: 2, onnotice: () => {}, connection: { maintenance_work_mem: "256MB" } });
    await seedKeySearch((text) => seedConn.unsafe(text), ksWs, { ...keySearch, at, log, parallel: 2 });
    await measureKeySearchInto("postgres", { url: benchUrl }, ksWs.workspaceId, appDir, (text) => seedConn.unsafe(text));
    await seedConn.end();
  }
  const session = await portalSession(ks.base, ctx);
  const startedFloor = await startFloor({ url: benchUrl });
  floor = startedFloor;
  cleanups.push(() => startedFloor.stop());
  await runScenarios("postgres", ks, ctx, session);
  if (wanted("analytics")) {
    const sql2 = postgres(benchUrl, { max: 1, onnotice: () => {} });
    results.analyticsProbe = await analyticsProbe(sql2, ctx, at, log);
    await sql2.end();
  }
  if (args.multi) {
    try {
      results.multi = await runMulti({ appDir, benchUrl, operatorToken, sessionSecret, ctx, single: ks, seconds: SIZES.seconds, warmup: SIZES.warmup, log });
    } catch (err) {
      log(`multi failed: ${err instanceof Error ? (err.stack ?? err.message) : err}`);
      results.multi = { error: err instanceof Error ? err.message : String(err) };
      runFailed = true;
    }
  }
  await ks.stop();
}

/** @param {string} appDir */
async function pglitePhase(appDir) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "keyport-bench-pglite-"));
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  let ks = await startKeyport({ appDir, db: { dataDir }, operatorToken, sessionSecret });
  log(`pglite: first start (migrations) pid ${ks.pid}`);
  const apiSeed = await seedViaApi(ks.base, operatorToken);
  const ksWs = keySearch ? await keySearchWorkspace(ks.base, operatorToken) : undefined;
  await ks.stop();
  const at = Date.now();
  // The server is stopped: the bench is the only process on the folder while it seeds.
  const { PGlite } = await import("@electric-sql/pglite");
  const pg = new PGlite(path.join(dataDir, "pglite"));
  const seeded = await seedSql(async (text) => (await pg.query(text)).rows, apiSeed, {
    small: SIZES.small,
    big: needsBig ? SIZES.big : 0,
    events: needsEvents ? SIZES.pgliteEvents : 0,
    at,
    log,
  });
  const audit = needsAudit ? await seedAudit(async (text) => (await pg.query(text)).rows, apiSeed, { events: SIZES.auditEvents, at, log }) : undefined;
  if (keySearch && ksWs) await seedKeySearch(async (text) => (await pg.query(text)).rows, ksWs, { ...keySearch, at, log });
  await pg.close();
  // Still the only process on the folder: the search is timed through the build's own openDatabase.
  if (keySearch && ksWs) await measureKeySearchInto("pglite", { dataDir }, ksWs.workspaceId, appDir);
  const ctx = Object.assign(apiSeed, seeded, { audit });
  ks = await startKeyport({ appDir, db: { dataDir }, operatorToken, sessionSecret });
  cleanups.push(() => ks.stop());
  log(`pglite: server pid ${ks.pid} at ${ks.base}`);
  const session = await portalSession(ks.base, ctx);
  await runScenarios("pglite", ks, ctx, session);
  await ks.stop();
  cleanups.pop();
}

try {
  const appDir = ensureBuild(repo, log);
  if (backends.includes("postgres")) await postgresPhase(appDir);
  if (backends.includes("pglite")) await pglitePhase(appDir);
  const table = renderTable(results);
  console.log(table);
  mkdirSync(path.join(repo, "bench-results"), { recursive: true });
  const targets = verdicts(results);
  const json = {
    ...results,
    // check is a function: JSON.stringify leaves out the undefined.
    runs: results.runs.map((run) => ({ ...run, check: undefined, verdict: judge(run, results) })),
    targets,
    table,
    seconds: (Date.now() - t0) / 1000,
  };
  delete json.ctxPg;
  writeFileSync(path.join(repo, "bench-results/latest.json"), JSON.stringify(json, null, 2));
  log(`done in ${((Date.now() - t0) / 1000).toFixed(0)} s; results in bench-results/latest.json`);
  const missed = targets.filter((v) => v.pass === false);
  if (missed.length) {
    log(`${missed.length} target(s) missed: ${missed.map((v) => `${v.key} (${v.backend})`).join(", ")}${args["report-only"] ? " (--report-only: exit 0)" : ""}`);
  }
  if (runFailed || (missed.length && !args["report-only"])) process.exitCode = 1;
} catch (err) {
  console.error(err);
  process.exitCode = 1;
} finally {
  await cleanup();
}
