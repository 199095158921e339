// @ts-check
// `npm run bench -- --multi`: two Keyport processes on one Postgres behind a round-robin proxy.
// Throughput of one vs two processes for verifyKey, and the cross-process guarantees: credits, rate
// limits and session revocation hold whichever process answers; a root key revoked on one process stops
// working on the other within the root-key cache bound.
import { spawn } from "node:child_process";
import autocannon from "autocannon";
import { verifyCode } from "./body-checks.mjs";
import { drive } from "./load.mjs";
import { freePort, startKeyport } from "./processes.mjs";
import { verifyRequest } from "./scenarios.mjs";
import { call, PORTAL_PERMISSIONS, USER } from "./seed.mjs";

// Root keys are cached per process for at most 1 s (lib/auth/root-key-cache.ts), so another process may
// accept a revoked one that long; 100 ms on top for the polling and the request that sees the 401.
export const ROOT_KEY_REVOKE_BOUND_MS = 1100;
const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/** @typedef {import("./processes.mjs").Server} Server */
/** @typedef {import("./seed.mjs").SeedContext} SeedContext */
/**
 * One cross-process check: what it expects, what it saw.
 * @typedef {{ name: string, expect: string, figure: string, pass: boolean, delayMs?: number }} MultiCheck
 */

/**
 * Calls `probe` (→ HTTP status) until it answers 401 or `limitMs` after `since` (performance.now())
 * have passed. {ms: since → the 401's arrival, polls, first and last status, seen}.
 * @param {() => Promise<number>} probe
 * @param {number} since
 * @param {number} limitMs
 */
export async function pollUntil401(probe, since, limitMs, everyMs = 10) {
  let polls = 0;
  /** @type {number | undefined} */
  let first;
  for (;;) {
    const status = await probe();
    polls++;
    first ??= status;
    const ms = performance.now() - since;
    if (status === 401) return { ms, polls, first, last: status, seen: true };
    if (ms > limitMs) return { ms, polls, first, last: status, seen: false };
    await sleep(everyMs);
  }
}

/**
 * A fresh root key, used on A and on B (B reads it into its cache), revoked on A: A refuses it at once
 * (a revocation clears its own process's cache), B within ROOT_KEY_REVOKE_BOUND_MS. The delay is measured
 * from the revoke call's answer to the 401's arrival on B.
 * @param {{ a: Server, b: Server, operatorToken: string, ctx: SeedContext }} servers
 * @returns {Promise<MultiCheck>}
 */
export async function rootKeyRevocation({ a, b, operatorToken, ctx }) {
  const op = { token: operatorToken };
  const created = await call(a.base, "/operator/v1/rootKeys.create", { workspaceId: ctx.workspaceId, name: "bench-revoke" }, op);
  const rk = /** @type {{ data?: { rootKey?: string, keyId?: string } } | undefined} */ (created.json)?.data;
  const name = "root key revoked on A, used on B";
  const expect = `401 on A at once, on B ≤ ${ROOT_KEY_REVOKE_BOUND_MS} ms`;
  const rootKey = rk?.rootKey;
  if (created.status !== 200 || !rootKey) return { name, expect, figure: `rootKeys.create → ${created.status}`, pass: false };
  /** @param {string} base */
  const verifyOn = (base) => async () => (await call(base, "/v2/keys.verifyKey", { key: ctx.verifyKey }, { token: rootKey })).status;
  const beforeA = await verifyOn(a.base)();
  const beforeB = await verifyOn(b.base)();
  const revoke = await call(a.base, "/operator/v1/rootKeys.revoke", { keyId: rk?.keyId }, op);
  const revokedAt = performance.now();
  const afterA = await verifyOn(a.base)();
  const onB = await pollUntil401(verifyOn(b.base), revokedAt, 3000);
  const delay = onB.seen ? `401 after ${onB.ms.toFixed(0)} ms` : `still ${onB.last} after ${onB.ms.toFixed(0)} ms`;
  return {
    name,
    expect,
    delayMs: onB.seen ? onB.ms : undefined,
    figure: `before A ${beforeA} / B ${beforeB}; revoke ${revoke.status}; after A ${afterA}; B ${delay} (${onB.polls} polls, first ${onB.first})`,
    pass: beforeA === 200 && beforeB === 200 && revoke.status === 200 && afterA === 401 && onB.seen && onB.ms <= ROOT_KEY_REVOKE_BOUND_MS,
  };
}

/**
 * Portal session minted on A, redeemed on B, used on both, revoked on A: the next call on B is a 401
 * (sessions are not cached; exact). When it is not, the figure says how long B took.
 * @param {{ a: Server, b: Server, ctx: SeedContext }} servers
 * @returns {Promise<MultiCheck>}
 */
export async function sessionRevocation({ a, b, ctx }) {
  const root = { token: ctx.rootKey };
  const createdAnswer = await call(a.base, "/v2/portal.createSession", { portal: ctx.portalId, externalId: USER, permissions: PORTAL_PERMISSIONS }, root);
  const created = /** @type {{ data: { id: string, url: string } }} */ (createdAnswer.json).data;
  const code = new URL(created.url).searchParams.get("session");
  const ex = await call(b.base, "/v2/portal.exchangeCode", { code });
  const token = /** @type {{ data?: { accessToken?: string } } | undefined} */ (ex.json)?.data?.accessToken;
  const cookie = (ex.headers.get("set-cookie") ?? "").split(";")[0];
  /** @param {string} base */
  const bearerOn = (base) => async () => (await call(base, "/v2/portal.getSession", {}, { token })).status;
  /** @param {string} base */
  const cookieOn = (base) => async () => (await call(base, "/v2/portal.listKeys", { limit: 1 }, { cookie, origin: base })).status;
  const beforeA = await bearerOn(a.base)();
  const beforeB = await cookieOn(b.base)();
  const revokeAnswer = await call(a.base, "/v2/portal.revokeSession", { sessionId: created.id }, root);
  const revoked = /** @type {{ data?: { revoked?: number } } | undefined} */ (revokeAnswer.json)?.data?.revoked;
  const revokedAt = performance.now();
  const afterB = await bearerOn(b.base)();
  const afterBCookie = await cookieOn(b.base)();
  let late = "";
  if (afterB !== 401 || afterBCookie !== 401) {
    const p = await pollUntil401(afterB !== 401 ? bearerOn(b.base) : cookieOn(b.base), revokedAt, 3000);
    late = p.seen ? `; B 401 only after ${p.ms.toFixed(0)} ms` : `; B still ${p.last} after ${p.ms.toFixed(0)} ms`;
  }
  return {
    name: "session revoked on A, next call on B",
    expect: "200 before, 401 after",
    figure: `before A ${beforeA} / B ${beforeB}; revoked ${revoked}; after B bearer ${afterB} / cookie ${afterBCookie}${late}`,
    pass: ex.status === 200 && beforeA === 200 && beforeB === 200 && revoked === 1 && afterB === 401 && afterBCookie === 401,
  };
}

/**
 * proxy.mjs in front of `ports`; `stop()` returns the connections each upstream got.
 * @param {number[]} ports
 */
async function startProxy(ports) {
  const port = await freePort();
  const child = spawn(process.execPath, [new URL("../proxy.mjs", import.meta.url).pathname, ...ports.map(String)], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, PORT: String(port) },
  });
  let out = "";
  child.stdout.on("data", (/** @type {Buffer} */ d) => (out += d));
  /** @type {Promise<void>} */
  const ready = new Promise((resolve, reject) => {
    const t = setInterval(() => out.includes("ready") && (clearInterval(t), resolve()), 50);
    child.once("exit", () => reject(new Error("proxy exited")));
  });
  await ready;
  return {
    pid: child.pid,
    base: `http://127.0.0.1:${port}`,
    /** @returns {Promise<Record<string, number>>} */
    stop: async () => {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
      const line = out.trim().split("\n").pop() ?? "";
      try {
        return JSON.parse(line);
      } catch {
        return {};
      }
    },
  };
}

/**
 * `total` verifyKey calls of `key` through `base` on `connections` connections; counts codes.
 * @param {string} base
 * @param {string} rootKey
 * @param {string} key
 * @param {number} total
 * @param {number} connections
 */
async function hammer(base, rootKey, key, total, connections) {
  /** @type {Record<string, number>} */
  const codes = {};
  await new Promise((resolve, reject) =>
    autocannon(
      {
        ...verifyRequest(base, rootKey, key),
        connections,
        amount: total,
        requests: [
          {
            onResponse: (status, body) => {
              let code = `HTTP ${status}`;
              try {
                code = JSON.parse(body).data?.code ?? code;
              } catch {
                // keep the status
              }
              codes[code] = (codes[code] ?? 0) + 1;
            },
          },
        ],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    ),
  );
  return codes;
}

/**
 * @param {{
 *   appDir: string, benchUrl: string, operatorToken: string, sessionSecret: string, ctx: SeedContext,
 *   single: Server, seconds: number, warmup: number, log: (message: string) => void,
 * }} options  `single` is the server already running on `benchUrl`
 */
export async function runMulti({ appDir, benchUrl, operatorToken, sessionSecret, ctx, single, seconds, warmup, log }) {
  const a = single;
  const b = await startKeyport({ appDir, db: { url: benchUrl }, operatorToken, sessionSecret });
  const root = { token: ctx.rootKey };
  try {
    log(`multi: second server pid ${b.pid}`);
    const p1 = await startProxy([a.port]);
    const one = await drive({ ...verifyRequest(p1.base, ctx.rootKey, ctx.verifyKey), bodyCheck: verifyCode("VALID"), connections: 64, seconds, warmup, pids: [a.pid] });
    await p1.stop();
    log(`multi: ×1 via proxy ${one.rps.toFixed(0)} req/s`);
    const p2 = await startProxy([a.port, b.port]);
    const two = await drive({ ...verifyRequest(p2.base, ctx.rootKey, ctx.verifyKey), bodyCheck: verifyCode("VALID"), connections: 64, seconds, warmup, pids: [a.pid, b.pid] });
    log(`multi: ×2 via proxy ${two.rps.toFixed(0)} req/s`);

    /** @type {MultiCheck[]} */
    const checks = [];
    /** @param {{ json: unknown }} answer  a keys.createKey answer */
    const createdKey = (answer) => /** @type {{ data: { key: string } }} */ (answer.json).data;
    // Credits: 100 credits, 300 verifications through both processes → exactly 100 VALID.
    const credited = createdKey(await call(a.base, "/v2/keys.createKey", { apiId: ctx.apiMain, name: "credits-100", credits: { remaining: 100 } }, root));
    const creditCodes = await hammer(p2.base, ctx.rootKey, credited.key, 300, 32);
    checks.push({ name: "credits: remaining 100, 300 calls via both", expect: "exactly 100 VALID", figure: JSON.stringify(creditCodes), pass: creditCodes.VALID === 100 && creditCodes.USAGE_EXCEEDED === 200 });
    // Rate limit: 50 per day (a window boundary cannot fall inside the test), 200 calls → exactly 50 VALID.
    const limited = createdKey(
      await call(a.base, "/v2/keys.createKey", { apiId: ctx.apiMain, name: "rl-50", ratelimits: [{ name: "bench", limit: 50, duration: 86_400_000, autoApply: true }] }, root),
    );
    const rlCodes = await hammer(p2.base, ctx.rootKey, limited.key, 200, 32);
    checks.push({ name: "rate limit 50/day, 200 calls via both", expect: "exactly 50 VALID", figure: JSON.stringify(rlCodes), pass: rlCodes.VALID === 50 && rlCodes.RATE_LIMITED === 150 });
    const spread = await p2.stop();
    checks.push({ name: "proxy spread (connections per process)", expect: "both used", figure: JSON.stringify(Object.values(spread)), pass: Object.values(spread).length === 2 && Object.values(spread).every((n) => n > 0) });

    // A check that throws is a miss of its own; the checks before it keep their figures.
    /**
     * @param {string} name
     * @param {string} expect
     * @param {() => Promise<MultiCheck>} fn
     * @returns {Promise<MultiCheck>}
     */
    const guarded = async (name, expect, fn) =>
      fn().catch((err) => ({ name, expect, figure: `check failed: ${err instanceof Error ? err.message : err}`, pass: false }));
    checks.push(await guarded("session revoked on A, next call on B", "200 before, 401 after", () => sessionRevocation({ a, b, ctx })));
    checks.push(await guarded("root key revoked on A, used on B", `401 on A at once, on B ≤ ${ROOT_KEY_REVOKE_BOUND_MS} ms`, () => rootKeyRevocation({ a, b, operatorToken, ctx })));
    for (const c of checks) log(`multi: ${c.name}: ${c.figure} → ${c.pass ? "pass" : "MISS"}`);
    return { one, two, checks };
  } finally {
    await b.stop();
  }
}
