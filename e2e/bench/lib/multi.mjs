// `npm run bench -- --multi`: two Keyport processes on one Postgres behind a round-robin proxy.
// Throughput of one vs two processes for verifyKey, and the cross-process guarantees: credits, rate
// limits and session revocation hold whichever process answers.
import { spawn } from "node:child_process";
import autocannon from "autocannon";
import { drive } from "./load.mjs";
import { freePort, startKeyport } from "./processes.mjs";
import { verifyRequest } from "./scenarios.mjs";
import { call, PORTAL_PERMISSIONS, USER } from "./seed.mjs";

async function startProxy(ports) {
  const port = await freePort();
  const child = spawn(process.execPath, [new URL("../proxy.mjs", import.meta.url).pathname, ...ports.map(String)], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, PORT: String(port) },
  });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  await new Promise((resolve, reject) => {
    const t = setInterval(() => out.includes("ready") && (clearInterval(t), resolve()), 50);
    child.once("exit", () => reject(new Error("proxy exited")));
  });
  return {
    pid: child.pid,
    base: `http://127.0.0.1:${port}`,
    stop: async () => {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
      const line = out.trim().split("\n").pop();
      try {
        return JSON.parse(line);
      } catch {
        return {};
      }
    },
  };
}

/** `total` verifyKey calls of `key` through `base` on `connections` connections; counts codes. */
async function hammer(base, rootKey, key, total, connections) {
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

export async function runMulti({ appDir, benchUrl, operatorToken, sessionSecret, ctx, single, seconds, warmup, log }) {
  const a = single;
  const b = await startKeyport({ appDir, db: { url: benchUrl }, operatorToken, sessionSecret });
  const root = { token: ctx.rootKey };
  try {
    log(`multi: second server pid ${b.pid}`);
    const p1 = await startProxy([a.port]);
    const one = await drive({ ...verifyRequest(p1.base, ctx.rootKey, ctx.verifyKey), connections: 64, seconds, warmup, pids: [a.pid] });
    await p1.stop();
    log(`multi: ×1 via proxy ${one.rps.toFixed(0)} req/s`);
    const p2 = await startProxy([a.port, b.port]);
    const two = await drive({ ...verifyRequest(p2.base, ctx.rootKey, ctx.verifyKey), connections: 64, seconds, warmup, pids: [a.pid, b.pid] });
    log(`multi: ×2 via proxy ${two.rps.toFixed(0)} req/s`);

    const checks = [];
    // Credits: 100 credits, 300 verifications through both processes → exactly 100 VALID.
    const credited = (await call(a.base, "/v2/keys.createKey", { apiId: ctx.apiMain, name: "credits-100", credits: { remaining: 100 } }, root)).json.data;
    const creditCodes = await hammer(p2.base, ctx.rootKey, credited.key, 300, 32);
    checks.push({ name: "credits: remaining 100, 300 calls via both", expect: "exactly 100 VALID", figure: JSON.stringify(creditCodes), pass: creditCodes.VALID === 100 && creditCodes.USAGE_EXCEEDED === 200 });
    // Rate limit: 50 per day (a window boundary cannot fall inside the test), 200 calls → exactly 50 VALID.
    const limited = (await call(a.base, "/v2/keys.createKey", { apiId: ctx.apiMain, name: "rl-50", ratelimits: [{ name: "bench", limit: 50, duration: 86_400_000, autoApply: true }] }, root)).json.data;
    const rlCodes = await hammer(p2.base, ctx.rootKey, limited.key, 200, 32);
    checks.push({ name: "rate limit 50/day, 200 calls via both", expect: "exactly 50 VALID", figure: JSON.stringify(rlCodes), pass: rlCodes.VALID === 50 && rlCodes.RATE_LIMITED === 150 });
    const spread = await p2.stop();
    checks.push({ name: "proxy spread (connections per process)", expect: "both used", figure: JSON.stringify(Object.values(spread)), pass: Object.values(spread).every((n) => n > 0) });

    // Session revocation: minted on A, redeemed on B, used on A, revoked on A, next call on B → 401.
    const created = (await call(a.base, "/v2/portal.createSession", { portal: ctx.portalId, externalId: USER, permissions: PORTAL_PERMISSIONS }, root)).json.data;
    const code = new URL(created.url).searchParams.get("session");
    const ex = await call(b.base, "/v2/portal.exchangeCode", { code });
    const token = ex.json?.data?.accessToken;
    const cookie = (ex.headers.get("set-cookie") ?? "").split(";")[0];
    const beforeA = (await call(a.base, "/v2/portal.getSession", {}, { token })).status;
    const beforeB = (await call(b.base, "/v2/portal.listKeys", { limit: 1 }, { cookie, origin: b.base })).status;
    const revoked = (await call(a.base, "/v2/portal.revokeSession", { sessionId: created.id }, root)).json?.data?.revoked;
    const afterB = (await call(b.base, "/v2/portal.getSession", {}, { token })).status;
    const afterBCookie = (await call(b.base, "/v2/portal.listKeys", { limit: 1 }, { cookie, origin: b.base })).status;
    checks.push({
      name: "session revoked on A, next call on B",
      expect: "200 before, 401 after",
      figure: `before A ${beforeA} / B ${beforeB}; revoked ${revoked}; after B bearer ${afterB} / cookie ${afterBCookie}`,
      pass: ex.status === 200 && beforeA === 200 && beforeB === 200 && revoked === 1 && afterB === 401 && afterBCookie === 401,
    });
    for (const c of checks) log(`multi: ${c.name}: ${c.figure} → ${c.pass ? "pass" : "MISS"}`);
    return { one, two, checks };
  } finally {
    await b.stop();
  }
}
