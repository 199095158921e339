// @ts-check
// Starting and stopping the servers under test, and sampling their memory.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { freePort } from "../../../bin/free-port.mjs";

export { freePort };

/** @typedef {import("node:child_process").ChildProcess} ChildProcess */

/**
 * A running server under test; `stop()` ends it (SIGTERM, then SIGKILL after a grace period).
 * @typedef {{ pid: number, base: string, port: number, output: () => string, stop: () => Promise<void> }} Server
 */

/**
 * Resident set size of a process in bytes, or undefined once it is gone.
 * @param {number} pid
 */
export function rssOf(pid) {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * CPU time (user + system) a process has used so far, in ms (/proc/<pid>/stat, 100 ticks/s).
 * @param {number} pid
 */
export function cpuMsOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/**
 * Samples RSS of `pids` every `everyMs` until stop(); returns {max, last, cpuMs} (bytes; cpuMs = CPU
 * the processes used meanwhile, which unlike req/s hardly depends on what else the machine runs).
 * @param {number[]} pids
 */
export function sampleRss(pids, everyMs = 200) {
  const cpu0 = pids.reduce((a, pid) => a + cpuMsOf(pid), 0);
  let max = 0;
  let last = 0;
  /** @type {number[]} */
  const samples = [];
  const tick = () => {
    let total = 0;
    for (const pid of pids) total += rssOf(pid) ?? 0;
    last = total;
    max = Math.max(max, total);
    samples.push(total);
  };
  tick();
  const timer = setInterval(tick, everyMs);
  return {
    stop() {
      clearInterval(timer);
      tick();
      return { max, last, samples, cpuMs: pids.reduce((a, pid) => a + cpuMsOf(pid), 0) - cpu0 };
    },
  };
}

/**
 * @param {string} url
 * @param {ChildProcess} child
 * @param {number} timeoutMs
 * @param {() => string} output
 */
async function waitForHttp(url, child, timeoutMs, output) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output()}`);
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not answer ${url} within ${timeoutMs} ms:\n${output()}`);
}

/**
 * The last 8,000 characters the child wrote, for error messages.
 * @param {ChildProcess} child
 */
function track(child) {
  let out = "";
  /** @param {Buffer} d */
  const keep = (d) => {
    out = (out + d.toString()).slice(-8000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return () => out;
}

/**
 * @param {ChildProcess} child
 * @returns {Promise<void>}
 */
async function stopChild(child, graceMs = 15_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

/**
 * The pid of a child that has started (spawn gives none only when it could not start the process).
 * @param {ChildProcess} child
 */
function pidOf(child) {
  if (child.pid === undefined) throw new Error("the process did not start");
  return child.pid;
}

/**
 * One production Keyport server from the build folder. `db` is {url} for Postgres or {dataDir} for PGlite.
 * Extra node flags (e.g. --cpu-prof) go in `nodeArgs`.
 * @param {{
 *   appDir: string, db: { url?: string, dataDir?: string }, operatorToken: string, sessionSecret: string,
 *   nodeArgs?: string[], env?: Record<string, string>,
 * }} options
 * @returns {Promise<Server>}
 */
export async function startKeyport({ appDir, db, operatorToken, sessionSecret, nodeArgs = [], env = {} }) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...nodeArgs, path.join(appDir, "bin/server.mjs")], {
    cwd: appDir,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      PUBLIC_URL: base,
      DATABASE_URL: db.url ?? "",
      KEYPORT_DATA_DIR: db.dataDir ?? path.join(appDir, ".data-unused"),
      KEYPORT_OPERATOR_TOKEN: operatorToken,
      SESSION_SECRET: sessionSecret,
      KEYPORT_LOG_LEVEL: "warn",
      ...env,
    },
  });
  const output = track(child);
  await waitForHttp(`${base}/v2/liveness`, child, 90_000, output);
  return { pid: pidOf(child), base, port, output, stop: () => stopChild(child) };
}

/**
 * The bare node:http floor (floor.mjs) on Postgres.
 * @param {{ url: string, poolSize?: number }} options
 * @returns {Promise<Server>}
 */
export async function startFloor({ url, poolSize = 10 }) {
  const port = await freePort();
  const child = spawn(process.execPath, [new URL("../floor.mjs", import.meta.url).pathname], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PORT: String(port), DATABASE_URL: url, FLOOR_POOL: String(poolSize) },
  });
  const output = track(child);
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(`${base}/health`, child, 15_000, output);
  return { pid: pidOf(child), base, port, output, stop: () => stopChild(child, 5000) };
}
