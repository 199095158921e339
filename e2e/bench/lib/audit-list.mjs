// @ts-check
// The audit-list rows of `npm run bench` (group `auditlist`): a million audit events in the bench
// workspace by SQL generate_series, then the first page and one page per filter the console offers
// (actor, action, resource, time range) through POST /v2/audit.listEvents — the endpoint and the
// console's audit page both read listAuditPage (db/queries/audit.ts) — ~200 calls each, one at a time.
// Each filter's plan is read with EXPLAIN right after the seed, so a row also says which index served it.
import { withoutIndexes } from "./seed.mjs";
import { bodyProblem } from "./body-checks.mjs";
import { sequential } from "./load.mjs";

const DAY = 86_400_000;
/** The log's span: events are spread evenly over the 90 days before the seed. */
const SPAN = 90 * DAY;
const ROOT_KEYS = 100;
const PORTAL_USERS = 5_000;
const RESOURCES = 200_000;
/** Actions of lib/audit/write-audit.ts AUDIT_EVENTS (audit.listEvents refuses a name it does not know). */
const EVENTS = ["key.create", "key.update", "key.update_credits", "key.reroll", "key.delete", "api.create", "identity.create", "identity.update", "portal.update", "portal.session.create", "portal.session.exchange", "portal.session.revoke"];
/** The console's page size. */
const PAGE = 50;
/** Calls per row (after one warm call), and the most seconds a row may take. */
const CALLS = 200;

/**
 * What the seed made: the filter values each row rotates through and, per row, the plan Postgres
 * chose: its index names, whether it read the table sequentially (a miss: the filter has no index),
 * sorted the whole filtered set (`sort`) or only rows of equal time by id (`incrementalSort`, cheap:
 * the index hands them over in time order).
 * @typedef {{ indexes: string[], seqScan: boolean, sort: boolean, incrementalSort: boolean, sqlMs: number }} Plan
 * @typedef {{
 *   events: number, from: number, to: number,
 *   actors: string[], actions: string[], resources: string[], windows: [number, number][],
 *   plans: Record<string, Plan>,
 * }} AuditSeed
 */

/**
 * The seed's formulas, shared by the SQL and by the samples picked from it: event i (1 … n) happens at
 * from + (i - 1) · SPAN / n (oldest first, so ids grow with time as they do in a real log).
 * 60 % root keys (100 of them), 30 % portal users (5,000), 10 % the operator; 12 actions; 200,000
 * resources about 5 events each (every 13th event has none).
 */
const rootKeyOf = (/** @type {number} */ n) => `key_audit${String(n).padStart(4, "0")}`;
const resourceOf = (/** @type {number} */ i) => `key_res${String((i * 7) % RESOURCES).padStart(6, "0")}`;

/**
 * @param {import("./seed.mjs").RunSql} q
 * @param {{ workspaceId: string }} ctx
 * @param {{ events: number, at: number, log: (m: string) => void, parallel?: number }} opts
 * @returns {Promise<AuditSeed>}
 */
export async function seedAudit(q, ctx, { events, at, log, parallel = 1 }) {
  const ws = `'${ctx.workspaceId.replace(/'/g, "''")}'`;
  const from = at - SPAN;
  const actions = `array[${EVENTS.map((e) => `'${e}'`).join(", ")}]`;
  const CHUNK = 250_000;
  /** @type {(() => Promise<void>)[]} */
  const jobs = [];
  for (let lo = 1; lo <= events; lo += CHUNK) {
    const hi = Math.min(events, lo + CHUNK - 1);
    jobs.push(async () => {
      const t0 = Date.now();
      await q(`
        insert into audit_log (time, workspace_id, actor_type, actor_id, event, resource_id, meta)
        select ${from} + (i - 1)::bigint * ${SPAN} / ${events}, ${ws},
               case when i % 10 < 6 then 'root_key' when i % 10 < 9 then 'portal_user' else 'operator' end,
               case when i % 10 < 6 then 'key_audit' || lpad(((i / 10) % ${ROOT_KEYS})::text, 4, '0')
                    when i % 10 < 9 then 'user_' || ((i * 7919) % ${PORTAL_USERS})
                    else 'operator' end,
               (${actions})[1 + (i * 31) % ${EVENTS.length}],
               case when i % 13 = 0 then null else 'key_res' || lpad(((i * 7) % ${RESOURCES})::text, 6, '0') end,
               case when i % 3 = 0 then null else jsonb_build_object('requestId', 'req_bench' || i, 'fields', jsonb_build_array('name')) end
        from generate_series(${lo}::bigint, ${hi}::bigint) as i`);
      log(`  seed audit events ${lo}–${hi}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    });
  }
  const t1 = Date.now();
  await withoutIndexes(q, "audit_log", async () => {
    const queue = [...jobs];
    await Promise.all(Array.from({ length: parallel }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) await job();
    }));
  });
  await q("analyze audit_log");
  log(`  seed ${events} audit events incl. index builds and analyze: ${((Date.now() - t1) / 1000).toFixed(1)} s`);

  // Filter values, 20 of each spread over the set: root keys have ~6,000 events each (of 1 M), an
  // action ~1/12 of the log, a resource ~5 (event i itself among them: never a multiple of 13), a
  // one-day window ~1/90.
  const twenty = Array.from({ length: 20 }, (_, k) => k);
  /** @type {AuditSeed} */
  const seed = {
    events,
    from,
    to: at,
    actors: twenty.map((k) => rootKeyOf((k * 37) % ROOT_KEYS)),
    actions: EVENTS.slice(),
    resources: twenty.map((k) => {
      const i = 1 + k * Math.floor(events / 20);
      return resourceOf(i % 13 === 0 ? i + 1 : i);
    }),
    windows: twenty.map((k) => [from + (4 + k * 4) * DAY, from + (5 + k * 4) * DAY]),
    plans: {},
  };
  seed.plans = await explainAll(q, ctx.workspaceId, seed);
  for (const [id, p] of Object.entries(seed.plans)) log(`  plan ${id}: ${planText(p)}; ${p.sqlMs.toFixed(2)} ms in SQL`);
  return seed;
}

/**
 * The statement listAuditPage sends for each row's first filter value (same predicates, order and
 * limit + 1), under EXPLAIN ANALYZE.
 * @param {import("./seed.mjs").RunSql} q
 * @param {string} workspaceId
 * @param {AuditSeed} s
 * @returns {Promise<Record<string, Plan>>}
 */
async function explainAll(q, workspaceId, s) {
  const lit = (/** @type {string | number} */ v) => `'${String(v).replace(/'/g, "''")}'`;
  const where = {
    "audit-first": "",
    "audit-actor": `and actor_id = ${lit(s.actors[0] ?? "")}`,
    "audit-action": `and event in (${lit(s.actions[0] ?? "")})`,
    "audit-resource": `and resource_id = ${lit(s.resources[0] ?? "")}`,
    "audit-time": `and time >= ${s.windows[0]?.[0]} and time < ${s.windows[0]?.[1]}`,
  };
  /** @type {Record<string, Plan>} */
  const plans = {};
  for (const [id, extra] of Object.entries(where)) {
    const rows = await q(`explain (analyze, format json) select * from audit_log where workspace_id = ${lit(workspaceId)} ${extra} order by time desc, id desc limit ${PAGE + 1}`);
    const raw = rows[0]?.["QUERY PLAN"];
    const doc = /** @type {{ Plan: PlanNode, "Execution Time": number }[]} */ (typeof raw === "string" ? JSON.parse(raw) : raw);
    const top = doc[0];
    /** @typedef {{ "Node Type": string, "Index Name"?: string, "Relation Name"?: string, Plans?: PlanNode[] }} PlanNode */
    /** @type {PlanNode[]} */
    const nodes = [];
    const walk = (/** @type {PlanNode} */ n) => {
      nodes.push(n);
      for (const c of n.Plans ?? []) walk(c);
    };
    if (top) walk(top.Plan);
    plans[id] = {
      indexes: [...new Set(nodes.map((n) => n["Index Name"]).filter((x) => x !== undefined))],
      seqScan: nodes.some((n) => n["Node Type"] === "Seq Scan" && n["Relation Name"] === "audit_log"),
      sort: nodes.some((n) => n["Node Type"] === "Sort"),
      incrementalSort: nodes.some((n) => n["Node Type"] === "Incremental Sort"),
      sqlMs: top?.["Execution Time"] ?? NaN,
    };
  }
  return plans;
}

/** `audit_log_workspace_actor_time_idx`, plus what else the plan did. @param {Plan} p */
function planText(p) {
  return [p.indexes.join(", ") || "no index", p.seqScan ? "seq scan" : "", p.sort ? "sort" : "", p.incrementalSort ? "incremental sort by id" : ""].filter(Boolean).join(", ");
}

/**
 * @param {{ base: string, pid: number }} ks
 * @param {{ rootKey: string, audit?: AuditSeed }} ctx
 * @returns {import("./scenarios.mjs").Scenario[]}
 */
export function auditListScenarios(ks, ctx) {
  const s = ctx.audit;
  if (!s) return [];
  /** @typedef {{ filter: Record<string, unknown>, ok: (e: AuditEvent) => boolean, full: boolean }} Probe */
  /** @typedef {{ time: number, actor: { type: string, id: string }, event: string, resourceId?: string }} AuditEvent */
  /**
   * @param {string} id
   * @param {string} name
   * @param {(k: number) => Probe} probe  the k-th call's filter and what each answered event must match
   * @returns {import("./scenarios.mjs").Scenario}
   */
  const row = (id, name, probe) => {
    /** @type {Probe | undefined} */
    let current;
    let k = 0;
    return {
      id,
      group: "auditlist",
      name: `${name} (${(s.events / 1e6).toFixed(1)} M events)`,
      run: () =>
        sequential({
          fn: async () => {
            current = probe(k++);
            const r = await fetch(`${ks.base}/v2/audit.listEvents`, {
              method: "POST",
              headers: { "content-type": "application/json", authorization: `Bearer ${ctx.rootKey}` },
              body: JSON.stringify({ limit: PAGE, ...current.filter }),
            });
            return { status: r.status, text: await r.text() };
          },
          bodyCheck: {
            expect: "events matching the filter, newest first (a full page where the filter holds more)",
            ok: (body) => {
              const data = /** @type {{ data?: AuditEvent[] }} */ (JSON.parse(body)).data;
              const p = current;
              if (!p || !Array.isArray(data) || data.length === 0 || data.length > PAGE) return false;
              if (p.full && data.length !== PAGE) return false;
              return data.every((e, i) => p.ok(e) && (i === 0 || (data[i - 1]?.time ?? 0) >= e.time));
            },
          },
          seconds: 60,
          max: CALLS,
          warm: 1,
          pids: [ks.pid],
        }),
      target: "p50 ≤ 50 ms",
      check: (r) => {
        const plan = s.plans[id];
        const problems = [r.errors ? `${r.errors} errors` : "", bodyProblem(r.bodies), plan?.seqScan ? "a sequential scan of audit_log" : ""].filter(Boolean);
        return { figure: [`p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms (${r.requests} calls; ${plan ? planText(plan) : "plan n/a"})`, ...problems].join("; "), pass: r.p50 <= 50 && problems.length === 0 };
      },
    };
  };
  const at = (/** @type {readonly string[]} */ list, /** @type {number} */ k) => list[k % list.length] ?? "";
  return [
    row("audit-first", "audit list, first page, no filter", () => ({ filter: {}, ok: () => true, full: true })),
    row("audit-actor", "audit list by actor (a root key, ~6,000 events)", (k) => {
      const actorId = at(s.actors, k);
      return { filter: { actorId }, ok: (e) => e.actor.id === actorId, full: true };
    }),
    row("audit-action", "audit list by action (~1/12 of the log)", (k) => {
      const action = at(s.actions, k);
      return { filter: { events: [action] }, ok: (e) => e.event === action, full: true };
    }),
    row("audit-resource", "audit list by resource (~5 events)", (k) => {
      const resourceId = at(s.resources, k);
      return { filter: { resourceId }, ok: (e) => e.resourceId === resourceId, full: false };
    }),
    row("audit-time", "audit list by time range (one day, ~1/90)", (k) => {
      const [since = 0, until = 0] = s.windows[k % s.windows.length] ?? [];
      return { filter: { since, until }, ok: (e) => e.time >= since && e.time < until, full: true };
    }),
  ];
}
