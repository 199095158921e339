// @ts-check
// Load drivers: autocannon for throughput and latency, and small loops for what autocannon does not
// measure (time to first byte, a flow of calls one after the other, slow sequential queries).
import http from "node:http";
import autocannon from "autocannon";
import { bodySampler, mergeTallies } from "./body-checks.mjs";
import { sampleRss } from "./processes.mjs";

/** @typedef {import("./body-checks.mjs").BodyCheck} BodyCheck */
/** @typedef {import("./body-checks.mjs").BodyTally} BodyTally */

/**
 * What one load run measured: req/s, latencies in ms (p50/p99 of TTFB for ttfbLoop, of whole flows for
 * flowLoop), errors, the server's RSS peak and CPU per request, and the response bodies checked.
 * @typedef {object} Figures
 * @property {number} [connections]
 * @property {number} [seconds]
 * @property {number} [requests]
 * @property {number} rps
 * @property {number} p50
 * @property {number} p99
 * @property {number} [max]
 * @property {number} errors
 * @property {number} rssMaxMB
 * @property {number} cpuMsPerReq
 * @property {BodyTally} [bodies]
 */

// No progress bar (autocannon.track is not attached): the bench prints one table.
/** @type {(opts: autocannon.Options) => Promise<autocannon.Result>} */
const run = (opts) => new Promise((resolve, reject) => autocannon(opts, (err, res) => (err ? reject(err) : resolve(res))));

/**
 * One autocannon run after a warm-up run (same options, discarded). Returns the figures the table
 * shows; RSS is sampled from /proc for `pids` during the measured run only, and one body in
 * SAMPLE_EVERY of the measured run is held against `bodyCheck` (body-checks.mjs).
 * @param {Omit<autocannon.Options, "duration" | "verifyBody"> & {
 *   connections: number, seconds: number, warmup?: number, pids?: number[], bodyCheck: BodyCheck,
 * }} options
 */
export async function drive({ url, connections, seconds, warmup = 1, pids = [], bodyCheck, ...opts }) {
  if (warmup > 0) await run({ url, connections, duration: warmup, ...opts });
  const sampler = bodySampler(bodyCheck);
  const rss = sampleRss(pids);
  const r = await run({ url, connections, duration: seconds, verifyBody: sampler.verifyBody, ...opts });
  const mem = rss.stop();
  return {
    connections,
    seconds,
    requests: r.requests.total,
    rps: r.requests.total / (r.duration || seconds),
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    errors: r.errors + r.timeouts + r.non2xx,
    non2xx: r.non2xx,
    statusCodes: r.statusCodeStats,
    rssMaxMB: mem.max / 2 ** 20,
    cpuMsPerReq: mem.cpuMs / Math.max(1, r.requests.total),
    bodies: sampler.tally,
  };
}

/**
 * Floor and server in alternating slices (`rounds` × `seconds`/`rounds` each), so both see the same
 * background load on a shared machine. Returns {a, b}: totals over the slices; p50 the median of the
 * slices' p50, p99 the worst slice's p99.
 * @typedef {Omit<Parameters<typeof drive>[0], "seconds" | "warmup">} DriveTarget
 * @param {{ a: DriveTarget, b: DriveTarget, rounds?: number, seconds: number, warmup: number }} options
 */
export async function paired({ a, b, rounds = 3, seconds, warmup }) {
  const slice = seconds / rounds;
  /** @type {{ a: Awaited<ReturnType<typeof drive>>[], b: Awaited<ReturnType<typeof drive>>[] }} */
  const out = { a: [], b: [] };
  for (let i = 0; i < rounds; i++) {
    out.a.push(await drive({ ...a, seconds: slice, warmup: i === 0 ? warmup : 0 }));
    out.b.push(await drive({ ...b, seconds: slice, warmup: i === 0 ? warmup : 0 }));
  }
  /**
   * @param {Awaited<ReturnType<typeof drive>>[]} runs
   * @returns {Figures}
   */
  const merge = (runs) => {
    const req = runs.reduce((s, r) => s + r.requests, 0);
    const p50s = runs.map((r) => r.p50).sort((x, y) => x - y);
    return {
      connections: runs[0]?.connections,
      seconds,
      requests: req,
      rps: req / seconds,
      p50: pct(p50s, 50),
      p99: Math.max(...runs.map((r) => r.p99)),
      max: Math.max(...runs.map((r) => r.max)),
      errors: runs.reduce((s, r) => s + r.errors, 0),
      rssMaxMB: Math.max(...runs.map((r) => r.rssMaxMB)),
      cpuMsPerReq: runs.reduce((s, r) => s + r.cpuMsPerReq * r.requests, 0) / Math.max(1, req),
      bodies: mergeTallies(runs.map((r) => r.bodies)),
    };
  };
  return { a: merge(out.a), b: merge(out.b) };
}

/**
 * The p-th percentile of ascending `sorted` (NaN when empty).
 * @param {number[]} sorted
 * @param {number} p
 */
const pct = (sorted, p) => (sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN) : NaN);

/**
 * Time to first byte of GET `path` from `connections` keep-alive loops for `seconds` (after a
 * warm-up). TTFB = request written → response headers received; `total` also waits for the body.
 * Every body of the measured loop is held against `bodyCheck`.
 * @param {{
 *   base: string, path: string, headers: Record<string, string>, connections: number, seconds: number,
 *   warmup?: number, pids?: number[], bodyCheck: BodyCheck,
 * }} options
 */
export async function ttfbLoop({ base, path, headers, connections, seconds, warmup = 1, pids = [], bodyCheck }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const { hostname, port } = new URL(base);
  /** @typedef {{ ok: boolean, ttfb: number, total: number }} Sample */
  /** @type {ReturnType<typeof bodySampler> | undefined} set for the measured loop, not the warm-up */
  let sampler;
  /** @returns {Promise<Sample>} */
  const once = () =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const req = http.request({ host: hostname, port, path, headers, agent, method: "GET" }, (res) => {
        const ttfb = performance.now() - t0;
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (/** @type {string} */ d) => (text += d));
        res.on("end", () => {
          const total = performance.now() - t0;
          sampler?.verifyBody(text);
          resolve({ ok: res.statusCode === 200, ttfb, total });
        });
      });
      req.on("error", () => resolve({ ok: false, ttfb: NaN, total: NaN }));
      req.end();
    });
  /**
   * @param {number} until
   * @param {Sample[]} out
   */
  const loop = async (until, out) => {
    while (performance.now() < until) out.push(await once());
  };
  if (warmup > 0) {
    const until = performance.now() + warmup * 1000;
    await Promise.all(Array.from({ length: connections }, () => loop(until, [])));
  }
  sampler = bodySampler(bodyCheck, 1);
  const rss = sampleRss(pids);
  /** @type {Sample[]} */
  const results = [];
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  await Promise.all(Array.from({ length: connections }, () => loop(until, results)));
  const elapsed = (performance.now() - t0) / 1000;
  const mem = rss.stop();
  agent.destroy();
  const ok = results.filter((r) => r.ok);
  const ttfb = ok.map((r) => r.ttfb).sort((a, b) => a - b);
  const total = ok.map((r) => r.total).sort((a, b) => a - b);
  return {
    connections,
    seconds,
    requests: results.length,
    rps: results.length / elapsed,
    p50: pct(ttfb, 50),
    p99: pct(ttfb, 99),
    totalP50: pct(total, 50),
    totalP99: pct(total, 99),
    errors: results.length - ok.length,
    rssMaxMB: mem.max / 2 ** 20,
    cpuMsPerReq: mem.cpuMs / Math.max(1, results.length),
    bodies: sampler.tally,
  };
}

/**
 * A flow of `steps` (POSTs, one after the other) on one keep-alive connection, repeated for `seconds`
 * after a warm-up. Latency is per flow (all steps: what the user waits for), with each step's own
 * p50/p99 beside it; req/s = flows/s. A step is {path, headers, body(c), check, onResponse(status, text, c)},
 * `c` being the flow's own state (e.g. the code createSession returned); every body of the measured
 * flows is held against its step's `check`.
 * @typedef {Record<string, unknown>} FlowState
 * @typedef {{
 *   path: string, headers: Record<string, string>, body: (c: FlowState) => string, check: BodyCheck,
 *   onResponse?: (status: number, text: string, c: FlowState) => void,
 * }} FlowStep
 * @param {{ base: string, steps: FlowStep[], seconds: number, warmup?: number, pids?: number[] }} options
 */
export async function flowLoop({ base, steps, seconds, warmup = 1, pids = [] }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const { hostname, port } = new URL(base);
  /**
   * @param {FlowStep} step
   * @param {FlowState} c
   * @returns {Promise<{ status: number, text: string }>}
   */
  const post = (step, c) =>
    new Promise((resolve) => {
      const body = step.body(c);
      const req = http.request(
        { host: hostname, port, path: step.path, method: "POST", agent, headers: { ...step.headers, "content-length": Buffer.byteLength(body) } },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (d) => (text += d));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on("error", () => resolve({ status: 0, text: "" }));
      req.end(body);
    });
  /** @type {ReturnType<typeof bodySampler>[] | undefined} one per step; set for the measured flows */
  let samplers;
  /** @returns {Promise<{ ok: boolean, times: number[], total?: number }>} */
  const flow = async () => {
    /** @type {FlowState} */
    const c = {};
    /** @type {number[]} */
    const times = [];
    for (const [i, step] of steps.entries()) {
      const t0 = performance.now();
      const { status, text } = await post(step, c);
      times.push(performance.now() - t0);
      samplers?.[i]?.verifyBody(text);
      step.onResponse?.(status, text, c);
      if (status !== 200) return { ok: false, times };
    }
    return { ok: true, times, total: times.reduce((a, b) => a + b, 0) };
  };
  const warmUntil = performance.now() + warmup * 1000;
  while (performance.now() < warmUntil) await flow();
  samplers = steps.map((s) => bodySampler(s.check, 1));
  const rss = sampleRss(pids);
  /** @type {Awaited<ReturnType<typeof flow>>[]} */
  const results = [];
  const t0 = performance.now();
  while (performance.now() < t0 + seconds * 1000) results.push(await flow());
  const elapsed = (performance.now() - t0) / 1000;
  const mem = rss.stop();
  agent.destroy();
  const ok = results.filter((r) => r.ok);
  // An ok flow has a total and a time for every step.
  const total = ok.map((r) => r.total ?? NaN).sort((a, b) => a - b);
  const perStep = steps.map((_, i) => {
    const t = ok.map((r) => r.times[i] ?? NaN).sort((a, b) => a - b);
    return { p50: pct(t, 50), p99: pct(t, 99) };
  });
  return {
    connections: 1,
    seconds,
    requests: results.length,
    rps: results.length / elapsed,
    p50: pct(total, 50),
    p99: pct(total, 99),
    max: total[total.length - 1],
    steps: perStep,
    errors: results.length - ok.length,
    rssMaxMB: mem.max / 2 ** 20,
    cpuMsPerReq: mem.cpuMs / Math.max(1, results.length),
    bodies: mergeTallies(samplers.map((s) => s.tally)),
  };
}

/**
 * `fn` (one request: its status and body) run back to back, one at a time, for up to `seconds` or `max`
 * times, after `warm` discarded runs. A status other than 200 is an error; every measured body is held
 * against `bodyCheck`.
 * @param {{
 *   fn: () => Promise<{ status: number, text: string }>, bodyCheck: BodyCheck, seconds: number, max?: number,
 *   warm?: number, pids?: number[],
 * }} options
 */
export async function sequential({ fn, bodyCheck, seconds, max = 50, warm = 2, pids = [] }) {
  for (let i = 0; i < warm; i++) await fn();
  const sampler = bodySampler(bodyCheck, 1);
  const rss = sampleRss(pids);
  /** @type {number[]} */
  const times = [];
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  while (times.length + errors < max && (performance.now() < until || times.length + errors < 3)) {
    const t0 = performance.now();
    const { status, text } = await fn();
    const ms = performance.now() - t0;
    sampler.verifyBody(text);
    if (status === 200) times.push(ms);
    else errors++;
  }
  const mem = rss.stop();
  const sorted = [...times].sort((a, b) => a - b);
  return {
    connections: 1,
    requests: times.length + errors,
    rps: times.length / (times.reduce((a, b) => a + b, 0) / 1000 || 1),
    p50: pct(sorted, 50),
    p99: pct(sorted, 99),
    max: sorted[sorted.length - 1],
    errors,
    rssMaxMB: mem.max / 2 ** 20,
    cpuMsPerReq: mem.cpuMs / Math.max(1, times.length + errors),
    bodies: sampler.tally,
  };
}
