// Load drivers: autocannon for throughput and latency, and small loops for what autocannon does not
// measure (time to first byte, a flow of calls one after the other, slow sequential queries).
import http from "node:http";
import autocannon from "autocannon";
import { sampleRss } from "./processes.mjs";

// No progress bar (autocannon.track is not attached): the bench prints one table.
const run = (opts) => new Promise((resolve, reject) => autocannon(opts, (err, res) => (err ? reject(err) : resolve(res))));

/**
 * One autocannon run after a warm-up run (same options, discarded). Returns the figures the table
 * shows; RSS is sampled from /proc for `pids` during the measured run only.
 */
export async function drive({ url, connections, seconds, warmup = 1, pids = [], ...opts }) {
  if (warmup > 0) await run({ url, connections, duration: warmup, ...opts });
  const rss = sampleRss(pids);
  const r = await run({ url, connections, duration: seconds, ...opts });
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
  };
}

/**
 * Floor and server in alternating slices (`rounds` × `seconds`/`rounds` each), so both see the same
 * background load on a shared machine. Returns {a, b}: totals over the slices; p50 the median of the
 * slices' p50, p99 the worst slice's p99.
 */
export async function paired({ a, b, rounds = 3, seconds, warmup }) {
  const slice = seconds / rounds;
  const out = { a: [], b: [] };
  for (let i = 0; i < rounds; i++) {
    out.a.push(await drive({ ...a, seconds: slice, warmup: i === 0 ? warmup : 0 }));
    out.b.push(await drive({ ...b, seconds: slice, warmup: i === 0 ? warmup : 0 }));
  }
  const merge = (runs) => {
    const req = runs.reduce((s, r) => s + r.requests, 0);
    const p50s = runs.map((r) => r.p50).sort((x, y) => x - y);
    return {
      connections: runs[0].connections,
      seconds,
      requests: req,
      rps: req / seconds,
      p50: p50s[Math.floor(p50s.length / 2)],
      p99: Math.max(...runs.map((r) => r.p99)),
      max: Math.max(...runs.map((r) => r.max)),
      errors: runs.reduce((s, r) => s + r.errors, 0),
      rssMaxMB: Math.max(...runs.map((r) => r.rssMaxMB)),
      cpuMsPerReq: runs.reduce((s, r) => s + r.cpuMsPerReq * r.requests, 0) / Math.max(1, req),
    };
  };
  return { a: merge(out.a), b: merge(out.b) };
}

const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);

/**
 * Time to first byte of GET `path` from `connections` keep-alive loops for `seconds` (after a
 * warm-up). TTFB = request written → response headers received; `total` also waits for the body.
 */
export async function ttfbLoop({ base, path, headers, connections, seconds, warmup = 1, pids = [] }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const { hostname, port } = new URL(base);
  const once = () =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const req = http.request({ host: hostname, port, path, headers, agent, method: "GET" }, (res) => {
        const ttfb = performance.now() - t0;
        res.on("data", () => {});
        res.on("end", () => resolve({ ok: res.statusCode === 200, ttfb, total: performance.now() - t0 }));
      });
      req.on("error", () => resolve({ ok: false, ttfb: NaN, total: NaN }));
      req.end();
    });
  const loop = async (until, out) => {
    while (performance.now() < until) out.push(await once());
  };
  if (warmup > 0) {
    const until = performance.now() + warmup * 1000;
    await Promise.all(Array.from({ length: connections }, () => loop(until, [])));
  }
  const rss = sampleRss(pids);
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
  };
}

/**
 * A flow of `steps` (POSTs, one after the other) on one keep-alive connection, repeated for `seconds`
 * after a warm-up. Latency is per flow (all steps: what the user waits for), with each step's own
 * p50/p99 beside it; req/s = flows/s. A step is {path, headers, body(c), onResponse(status, text, c)},
 * `c` being the flow's own state (e.g. the code createSession returned).
 */
export async function flowLoop({ base, steps, seconds, warmup = 1, pids = [] }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const { hostname, port } = new URL(base);
  const post = (step, c) =>
    new Promise((resolve) => {
      const body = step.body(c);
      const req = http.request(
        { host: hostname, port, path: step.path, method: "POST", agent, headers: { ...step.headers, "content-length": Buffer.byteLength(body) } },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (d) => (text += d));
          res.on("end", () => resolve({ status: res.statusCode, text }));
        },
      );
      req.on("error", () => resolve({ status: 0, text: "" }));
      req.end(body);
    });
  const flow = async () => {
    const c = {};
    const times = [];
    for (const step of steps) {
      const t0 = performance.now();
      const { status, text } = await post(step, c);
      times.push(performance.now() - t0);
      step.onResponse?.(status, text, c);
      if (status !== 200) return { ok: false, times };
    }
    return { ok: true, times, total: times.reduce((a, b) => a + b, 0) };
  };
  const warmUntil = performance.now() + warmup * 1000;
  while (performance.now() < warmUntil) await flow();
  const rss = sampleRss(pids);
  const results = [];
  const t0 = performance.now();
  while (performance.now() < t0 + seconds * 1000) results.push(await flow());
  const elapsed = (performance.now() - t0) / 1000;
  const mem = rss.stop();
  agent.destroy();
  const ok = results.filter((r) => r.ok);
  const total = ok.map((r) => r.total).sort((a, b) => a - b);
  const perStep = steps.map((_, i) => {
    const t = ok.map((r) => r.times[i]).sort((a, b) => a - b);
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
  };
}

/** `fn` run back to back (one at a time) for up to `seconds` or `max` times, after `warm` discarded runs. */
export async function sequential({ fn, seconds, max = 50, warm = 2, pids = [] }) {
  for (let i = 0; i < warm; i++) await fn();
  const rss = sampleRss(pids);
  const times = [];
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  while (times.length + errors < max && (performance.now() < until || times.length + errors < 3)) {
    const t0 = performance.now();
    const ok = await fn();
    if (ok) times.push(performance.now() - t0);
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
  };
}
