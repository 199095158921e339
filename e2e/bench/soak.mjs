#!/usr/bin/env node
// @ts-check
// npm run soak [-- --minutes 10] [--steps 2,4,8,16,32,64] [--step-seconds 5]
// Mixed load on one Keyport process on Postgres (80 % verifyKey, 10 % portal.listKeys, 5 % portal
// rerollKey, 5 % createSession followed by exchangeCode). Steps up connections to find the knee
// (the fewest connections reaching 90 % of the best throughput), then holds 60 % of the knee's throughput for
// --minutes, and reports: every non-2xx answer by status and by kind, judged against the statuses each
// kind may answer (EXPECTED: none but 200), socket errors and timeouts (must be 0), sampled verifyKey
// bodies (must be VALID), p99, RSS drift (growth < 10 %: a leak check; RSS that shrinks after the step
// phase passes), Postgres connections of the bench database (≤ the server's pool of 10). Exits 1 on a
// miss. Not part of CI. Writes bench-results/soak.json.
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import postgres from "postgres";
import { addAnswers, countAnswer, non2xxByStatus, perKind, unexpectedAnswers } from "./lib/answer-counts.mjs";
import { bodySampler, mergeTallies, verifyCode } from "./lib/body-checks.mjs";
import { ensureBuild } from "./lib/build.mjs";
import { rssOf, startKeyport } from "./lib/processes.mjs";
import { call, portalSession, seedViaApi, USER } from "./lib/seed.mjs";

/** @typedef {import("./lib/processes.mjs").Server} Server */
/**
 * One load run's answers by kind and status, and its sampled verifyKey bodies.
 * @typedef {{ answers: import("./lib/answer-counts.mjs").AnswerCounts, verifyBodies: ReturnType<typeof bodySampler> }} Stats
 */

/**
 * The statuses each kind of request may answer. The mix provokes no refusal: the verified key has no
 * limits, every connection rerolls only its own key, and every code it exchanges is fresh. So anything
 * but 200 (a 429, a 409 of a reroll race, a 503) is a finding.
 * @type {Record<string, readonly number[]>}
 */
const EXPECTED = { verify: [200], list: [200], reroll: [200], session: [200], exchange: [200] };
/**
 * One connection's state across its requests: a session code to exchange next, the key it rerolls,
 * the kind of its request in flight.
 * @typedef {{ code?: string | null, keyId?: string, kind?: string }} ConnectionState
 */

const { values: args } = parseArgs({
  options: {
    minutes: { type: "string", default: "10" },
    steps: { type: "string", default: "2,4,8,16,32,64" },
    "step-seconds": { type: "string", default: "5" },
    "pg-url": { type: "string", default: process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432" },
  },
});
const POOL = 10; // db/client.ts default
const repo = path.resolve(new URL("../..", import.meta.url).pathname);
const t0 = Date.now();
const log = (/** @type {string} */ m) => console.error(`[soak ${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${m}`);
const DB_NAME = `keyport_soak_${process.pid}`;
const benchUrl = `${args["pg-url"]}/${DB_NAME}`;
const admin = postgres(`${args["pg-url"]}/postgres`, { max: 1, onnotice: () => {} });
const operatorToken = `op_soak_${randomBytes(16).toString("hex")}`;
/** @type {Server | undefined} */
let ks;
async function cleanup() {
  await ks?.stop().catch(() => {});
  await admin.unsafe(`drop database if exists ${DB_NAME} with (force)`).catch(() => {});
  await admin.end().catch(() => {});
}
process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));
process.on("SIGTERM", () => void cleanup().then(() => process.exit(143)));

/**
 * autocannon options for the mix; `stats` collects status classes and per-kind counts.
 * @param {string} base  the server
 * @param {import("./lib/seed.mjs").ApiSeed} ctx
 * @param {{ cookie: string }} session
 * @param {string[]} pool  key ids to reroll, one per connection
 * @param {Stats} stats
 * @returns {autocannon.Options}
 */
function mix(base, ctx, session, pool, stats) {
  const json = { "content-type": "application/json" };
  const rootH = { ...json, authorization: `Bearer ${ctx.rootKey}` };
  const portalH = { ...json, cookie: session.cookie, origin: base };
  /**
   * @param {ConnectionState} c
   * @returns {[kind: string, path: string, headers: Record<string, string>, body: unknown]}
   */
  const pick = (c) => {
    if (c.code) {
      const code = c.code;
      c.code = undefined;
      return ["exchange", "/v2/portal.exchangeCode", json, { code }];
    }
    const r = Math.random();
    if (r < 0.8) return ["verify", "/v2/keys.verifyKey", rootH, { key: ctx.verifyKey }];
    if (r < 0.9) return ["list", "/v2/portal.listKeys", portalH, { limit: 100 }];
    if (r < 0.95) {
      c.keyId ??= pool.shift();
      if (c.keyId) return ["reroll", "/v2/portal.rerollKey", portalH, { keyId: c.keyId, expiration: 0 }];
      return ["verify", "/v2/keys.verifyKey", rootH, { key: ctx.verifyKey }];
    }
    return ["session", "/v2/portal.createSession", rootH, { portal: ctx.portalId, externalId: "soak-user", scopes: ["keys:read"] }];
  };
  // Per-connection state lives in this closure: autocannon resets its own `context` every time a
  // connection wraps around its request list (here: after every request).
  /**
   * @param {ConnectionState} c
   * @returns {autocannon.Request}
   */
  const request = (c) => ({
    method: "POST",
    setupRequest: (req) => {
      const [kind, p, headers, body] = pick(c);
      c.kind = kind;
      return { ...req, method: "POST", path: p, headers, body: JSON.stringify(body) };
    },
    onResponse: (status, body) => {
      const kind = c.kind ?? "?"; // set by setupRequest before every request
      countAnswer(stats.answers, kind, status);
      if (kind === "verify") stats.verifyBodies.verifyBody(body);
      if (status !== 200) return;
      if (c.kind === "session") c.code = new URL(JSON.parse(body).data.url).searchParams.get("session");
      if (c.kind === "reroll") c.keyId = JSON.parse(body).data.keyId;
    },
  });
  return {
    url: base,
    requests: [request({})],
    setupClient: (client) => client.setRequests([request({})]),
  };
}

/** @param {boolean} pass */
const mark = (pass) => (pass ? "pass" : "**miss**");
/** @type {(opts: autocannon.Options) => Promise<autocannon.Result>} */
const runAc = (opts) => new Promise((resolve, reject) => autocannon(opts, (err, res) => (err ? reject(err) : resolve(res))));
/** @returns {Stats} */
const newStats = () => ({ answers: {}, verifyBodies: bodySampler(verifyCode("VALID")) });
/**
 * How many answers of `stats` no kind should give.
 * @param {Stats} stats
 */
const unexpectedCount = (stats) => Object.values(unexpectedAnswers(stats.answers, EXPECTED)).reduce((a, b) => a + b, 0);

try {
  const appDir = ensureBuild(repo, log);
  await admin.unsafe(`drop database if exists ${DB_NAME}`);
  await admin.unsafe(`create database ${DB_NAME}`);
  const server = await startKeyport({ appDir, db: { url: benchUrl }, operatorToken, sessionSecret: randomBytes(32).toString("hex") });
  ks = server;
  log(`server pid ${server.pid} at ${server.base}`);
  const ctx = await seedViaApi(server.base, operatorToken);
  const session = await portalSession(server.base, ctx);
  const steps = args.steps.split(",").map(Number);
  const maxConns = Math.max(...steps);
  // One key per connection to reroll (a replaced key cannot be rerolled again).
  const makePool = async () => {
    /** @type {string[]} */
    const pool = [];
    for (let i = 0; i < maxConns; i++) {
      const r = await call(server.base, "/v2/keys.createKey", { apiId: ctx.apiMain, externalId: USER, name: `soak-${i}` }, { token: ctx.rootKey });
      pool.push(/** @type {{ data: { keyId: string } }} */ (r.json).data.keyId);
    }
    return pool;
  };
  // Steps and hold together: what the checks judge.
  /** @type {import("./lib/answer-counts.mjs").AnswerCounts} */
  const answers = {};
  /** @type {import("./lib/body-checks.mjs").BodyTally[]} */
  const tallies = [];
  let socketErrors = 0;
  /**
   * @param {Stats} s
   * @param {autocannon.Result} r
   */
  const merge = (s, r) => {
    addAnswers(answers, s.answers);
    tallies.push(s.verifyBodies.tally);
    socketErrors += r.errors;
  };

  // 1. The knee.
  /** @type {{ connections: number, rps: number, p50: number, p99: number, non2xx: Record<string, number>, unexpected: number }[]} */
  const stepResults = [];
  for (const connections of steps) {
    const stats = newStats();
    const pool = await makePool();
    const r = await runAc({ ...mix(server.base, ctx, session, pool, stats), connections, duration: Number(args["step-seconds"]) });
    merge(stats, r);
    const rps = r.requests.total / r.duration;
    const non2xx = non2xxByStatus(stats.answers);
    stepResults.push({ connections, rps, p50: r.latency.p50, p99: r.latency.p99, non2xx, unexpected: unexpectedCount(stats) });
    log(`step ${connections} conns: ${rps.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${JSON.stringify(non2xx)}`);
  }
  // The knee: the fewest connections that reach 90 % of the best throughput seen (more connections
  // after it only add queueing). Robust to one noisy step on a shared machine.
  const best = Math.max(...stepResults.map((s) => s.rps));
  const knee = stepResults.find((s) => s.rps >= 0.9 * best);
  if (!knee) throw new Error(`no step reached a throughput (--steps ${args.steps})`);
  const rate = Math.max(1, Math.floor(0.6 * knee.rps));
  log(`knee at ${knee.connections} connections, ${knee.rps.toFixed(0)} req/s; holding ${rate} req/s for ${args.minutes} min`);

  // 2. The hold at 60 % of the knee.
  const mon = postgres(benchUrl, { max: 1, onnotice: () => {} });
  /** @type {{ t: number, rss: number, pg: number }[]} */
  const samples = [];
  const sampler = setInterval(async () => {
    try {
      const [row] = await mon`select count(*)::int as n from pg_stat_activity where datname = ${DB_NAME} and pid <> pg_backend_pid()`;
      samples.push({ t: Date.now(), rss: rssOf(server.pid) ?? 0, pg: Number(row?.n) });
    } catch {
      // a missed sample is fine
    }
  }, 5000);
  const stats = newStats();
  const pool = await makePool();
  const seconds = Math.round(Number(args.minutes) * 60);
  const hold = await runAc({ ...mix(server.base, ctx, session, pool, stats), connections: Math.max(knee.connections, 4), overallRate: rate, duration: seconds });
  clearInterval(sampler);
  await mon.end();
  merge(stats, hold);

  const n = samples.length;
  const part = Math.max(1, Math.floor(n / 5));
  const mean = (/** @type {number[]} */ xs) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  // The first sample falls 5 s in; the first fifth of the hold is the baseline, the last fifth the end.
  const rssStart = mean(samples.slice(0, part).map((s) => s.rss));
  const rssEnd = mean(samples.slice(n - part).map((s) => s.rss));
  const drift = (rssEnd - rssStart) / rssStart;
  const pgMax = Math.max(...samples.map((s) => s.pg));
  const unexpected = unexpectedAnswers(answers, EXPECTED);
  const unexpectedTotal = Object.values(unexpected).reduce((a, b) => a + b, 0);
  const bodies = mergeTallies(tallies);
  const wrongBodies = bodies?.wrong ?? 0;
  const report = {
    machine: { cores: (await import("node:os")).cpus().length, node: process.version },
    steps: stepResults,
    knee,
    hold: {
      minutes: Number(args.minutes),
      targetRate: rate,
      rps: hold.requests.total / hold.duration,
      p50: hold.latency.p50,
      p99: hold.latency.p99,
      socketErrors: hold.errors,
      timeouts: hold.timeouts,
      kinds: perKind(stats.answers),
      answers: stats.answers,
      non2xx: non2xxByStatus(stats.answers),
    },
    answers,
    non2xx: non2xxByStatus(answers),
    checks: {
      expectedStatuses: { figure: unexpected, pass: unexpectedTotal === 0, expected: EXPECTED },
      // autocannon counts timeouts among its errors.
      socketErrors: { figure: socketErrors, pass: socketErrors === 0 },
      verifyBodies: { figure: bodies, pass: wrongBodies === 0 && (bodies?.checked ?? 0) > 0 },
      rssDrift: { figure: `${(drift * 100).toFixed(1)} % (${(rssStart / 2 ** 20).toFixed(0)} → ${(rssEnd / 2 ** 20).toFixed(0)} MB)`, pass: drift < 0.1 },
      pgConnections: { figure: `max ${pgMax} (pool ${POOL})`, pass: pgMax <= POOL },
    },
    samples,
  };
  mkdirSync(path.join(repo, "bench-results"), { recursive: true });
  writeFileSync(path.join(repo, "bench-results/soak.json"), JSON.stringify(report, null, 2));
  const lines = [
    "| soak | figure | result |",
    "|---|---|---|",
    ...stepResults.map((s) => `| step ${s.connections} conns | ${s.rps.toFixed(0)} req/s, p50 ${s.p50} ms, p99 ${s.p99} ms, non-2xx ${JSON.stringify(s.non2xx)} |${s === knee ? " knee" : ""} |`),
    `| hold ${args.minutes} min at 60 % of knee (${rate} req/s target) | ${report.hold.rps.toFixed(0)} req/s, p50 ${hold.latency.p50} ms, p99 ${hold.latency.p99} ms, mix ${JSON.stringify(report.hold.kinds)} | |`,
    `| non-2xx answers by status (steps + hold) | ${JSON.stringify(report.non2xx)} | |`,
    `| answers outside each kind's expected statuses (${JSON.stringify(EXPECTED)}) | ${JSON.stringify(unexpected)} | ${mark(report.checks.expectedStatuses.pass)} |`,
    `| socket errors and timeouts (steps + hold) | ${socketErrors} | ${mark(report.checks.socketErrors.pass)} |`,
    `| keys.verifyKey bodies VALID (1 in ${bodies?.every} checked) | ${wrongBodies} wrong of ${bodies?.checked ?? 0} | ${mark(report.checks.verifyBodies.pass)} |`,
    `| RSS drift (growth < 10 %), first vs last fifth of the hold | ${report.checks.rssDrift.figure} | ${mark(report.checks.rssDrift.pass)} |`,
    `| Postgres connections of the bench database | ${report.checks.pgConnections.figure} | ${mark(report.checks.pgConnections.pass)} |`,
  ];
  console.log(lines.join("\n"));
  const missed = Object.entries(report.checks).filter(([, c]) => !c.pass).map(([name]) => name);
  if (missed.length) {
    log(`missed: ${missed.join(", ")}`);
    process.exitCode = 1;
  }
  log("done; bench-results/soak.json");
} catch (err) {
  console.error(err);
  process.exitCode = 1;
} finally {
  await cleanup();
}
