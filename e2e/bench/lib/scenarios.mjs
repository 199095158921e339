// The scenarios of `npm run bench`, each with its target (issue #10). A scenario returns the figures of
// one run; `check` turns them into {figure, pass} against the target (pass null: informative only).
import { call } from "./seed.mjs";
import { drive, flowLoop, paired, sequential, ttfbLoop } from "./load.mjs";

const DAY = 86_400_000;
/** The groups `--only` picks from, in the order they run. */
export const GROUPS = ["verify", "session", "portal", "page", "listkeys", "analytics"];

/** {figure, pass}; any error fails the run, and the figure says how many (not only the errors column). */
const verdict = (r, figure, pass) => ({ figure: r.errors ? `${figure}; ${r.errors} errors` : figure, pass: pass && r.errors === 0 });

export function verifyRequest(base, rootKey, key) {
  return {
    url: `${base}/v2/keys.verifyKey`,
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${rootKey}` },
    body: JSON.stringify({ key }),
  };
}

/**
 * @param ks the server ({base, pid}); ctx the seed; session {cookie, token}; cfg {seconds, warmup, events, at,
 * floor: {base, pid, rootKey, key}}. The verify runs alternate with the floor (paired) and carry its figures.
 */
export function scenarios(ks, ctx, session, cfg) {
  const withFloor = async (connections) => {
    const fl = cfg.floor;
    const { a, b } = await paired({
      a: { ...verifyRequest(fl.base, fl.rootKey, fl.key), connections, pids: [fl.pid] },
      b: { ...verifyRequest(ks.base, ctx.rootKey, ctx.verifyKey), connections, pids: [ks.pid] },
      seconds: cfg.seconds,
      warmup: cfg.warmup,
    });
    return { ...b, floor: a };
  };
  const pids = [ks.pid];
  const t = { seconds: cfg.seconds, warmup: cfg.warmup, pids };
  const root = { "content-type": "application/json", authorization: `Bearer ${ctx.rootKey}` };
  const portal = { "content-type": "application/json", cookie: session.cookie, origin: ks.base };
  const listKeysBody = (apiId, cursor) => JSON.stringify(cursor ? { apiId, limit: 100, cursor } : { apiId, limit: 100 });
  return [
    {
      id: "verify-64",
      group: "verify",
      name: "keys.verifyKey (valid key)",
      run: () => withFloor(64),
      target: "≥ 0.40 × floor req/s",
      check: (r) => verdict(r, `${(r.rps / r.floor.rps).toFixed(2)} × floor`, r.rps / r.floor.rps >= 0.4),
    },
    {
      id: "verify-10",
      group: "verify",
      name: "keys.verifyKey (valid key)",
      run: () => withFloor(10),
      target: "p99 ≤ 2 × floor p99",
      check: (r) => {
        // autocannon's histogram counts whole ms: a floor p99 under 1 ms reads as 1 ms, not a division by 0.
        const ratio = r.p99 / Math.max(1, r.floor.p99);
        return verdict(r, `p99 ${r.p99} ms = ${ratio.toFixed(2)} × floor (${r.floor.p99} ms)`, ratio <= 2);
      },
    },
    {
      // One client doing createSession then exchangeCode, over and over: the handoff a customer waits for.
      id: "session",
      group: "session",
      name: "portal.createSession → exchangeCode, one after the other (flows/s; ms per flow)",
      run: () =>
        flowLoop({
          base: ks.base,
          ...t,
          steps: [
            {
              path: "/v2/portal.createSession",
              headers: root,
              body: () => JSON.stringify({ portal: ctx.portalId, externalId: "bench-session-user", scopes: ["keys:read"] }),
              onResponse: (status, text, c) => {
                c.code = status === 200 ? new URL(JSON.parse(text).data.url).searchParams.get("session") : "pst_missing";
              },
            },
            { path: "/v2/portal.exchangeCode", headers: { "content-type": "application/json" }, body: (c) => JSON.stringify({ code: c.code }) },
          ],
        }),
      target: "p99 ≤ 25 ms",
      check: (r) =>
        verdict(r, `p99 ${r.p99.toFixed(1)} ms (createSession ${r.steps[0].p99.toFixed(1)} + exchangeCode ${r.steps[1].p99.toFixed(1)})`, r.p99 <= 25),
    },
    {
      id: "portal-list",
      group: "portal",
      name: "portal.listKeys (cookie, 1,000 keys, page of 100)",
      run: () => drive({ url: `${ks.base}/v2/portal.listKeys`, method: "POST", headers: portal, body: JSON.stringify({ limit: 100 }), connections: 10, ...t }),
      target: "p99 ≤ 50 ms",
      check: (r) => verdict(r, `p99 ${r.p99} ms`, r.p99 <= 50),
    },
    {
      id: "page-1",
      group: "page",
      name: "keys page HTML TTFB (1,000 keys)",
      run: () => ttfbLoop({ base: ks.base, path: `/portal/${ctx.portalId}/keys`, headers: { cookie: session.cookie }, connections: 1, ...t }),
      target: "p50 TTFB ≤ 25 ms",
      check: (r) => verdict(r, `p50 ${r.p50.toFixed(1)} ms`, r.p50 <= 25),
    },
    {
      id: "page-10",
      group: "page",
      name: "keys page HTML TTFB (1,000 keys)",
      run: () => ttfbLoop({ base: ks.base, path: `/portal/${ctx.portalId}/keys`, headers: { cookie: session.cookie }, connections: 10, ...t }),
      target: "(load; informative)",
      check: (r) => ({ figure: `p50 ${r.p50.toFixed(1)} ms`, pass: null }),
    },
    {
      id: "list-10k",
      group: "listkeys",
      name: "apis.listKeys, API of 10 k keys",
      run: () => drive({ url: `${ks.base}/v2/apis.listKeys`, method: "POST", headers: root, body: listKeysBody(ctx.apiSmall), connections: 10, ...t }),
      target: "(baseline)",
      check: () => ({ figure: "", pass: null }),
    },
    {
      id: "list-1m",
      group: "listkeys",
      name: "apis.listKeys, API of 1 M keys",
      run: () => drive({ url: `${ks.base}/v2/apis.listKeys`, method: "POST", headers: root, body: listKeysBody(ctx.apiBig), connections: 10, ...t }),
      target: "req/s(10 k) / req/s(1 M) ≤ 1.5",
      check: (r, all) => {
        const small = all["list-10k"];
        if (!small) return { figure: "n/a", pass: null };
        const ratio = small.rps / r.rps;
        return verdict(r, `ratio ${ratio.toFixed(2)}`, ratio <= 1.5);
      },
    },
    {
      id: "list-1m-mid",
      group: "listkeys",
      name: "apis.listKeys, 1 M keys, cursor mid-way",
      run: () => drive({ url: `${ks.base}/v2/apis.listKeys`, method: "POST", headers: root, body: listKeysBody(ctx.apiBig, ctx.bigMiddleCursor), connections: 10, ...t }),
      target: "req/s(10 k) / req/s ≤ 1.5",
      check: (r, all) => {
        const small = all["list-10k"];
        if (!small) return { figure: "n/a", pass: null };
        const ratio = small.rps / r.rps;
        return verdict(r, `ratio ${ratio.toFixed(2)}`, ratio <= 1.5);
      },
    },
    {
      id: "verifications",
      group: "analytics",
      name: `portal.getVerifications 30 d (${(cfg.events / 1e6).toFixed(0)} M events)`,
      run: () =>
        sequential({
          fn: async () =>
            (await call(ks.base, "/v2/portal.getVerifications", { startTime: cfg.at - 30 * DAY, endTime: cfg.at }, { cookie: session.cookie, origin: ks.base })).status === 200,
          seconds: Math.max(8, cfg.seconds * 2),
          max: 20,
          warm: 1,
          pids,
        }),
      target: "≤ 200 ms",
      check: (r) => verdict(r, `p50 ${r.p50.toFixed(0)} ms`, r.p50 <= 200),
    },
  ];
}
