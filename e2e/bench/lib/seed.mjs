// @ts-check
// Seed data: the small things through the real API (workspace, APIs, portal, the keys the bench
// verifies), the large things with SQL generate_series (1,000 keys of one end user, 10 k and 1 M keys
// in two APIs, millions of verification events over the last 30 days).

export const USER = "bench-user";
const DAY = 86_400_000;

/**
 * What seedViaApi made. `verifyKey` is a bare key (no credits, no rate limit); `realisticKeys` have both
 * (REALISTIC_KEY), so verifying one pays the two writes most production keys pay. There are
 * REALISTIC_POOL of them, verified in turn: production traffic spreads over many keys, and a single
 * key under 64 connections measures its rows' lock queue instead (the bench reports that apart).
 * @typedef {{
 *   workspaceId: string, rootKey: string, apiMain: string, apiSmall: string, apiBig: string,
 *   portalId: string, verifyKey: string, verifyKeyId: string, realisticKeys: string[],
 * }} ApiSeed
 */
/**
 * What seedSql adds: the portal user's identity, a listKeys cursor half-way through apiBig, and the
 * window [eventsFrom, eventsTo) holding all `events` seeded verification events (none when 0).
 * @typedef {{ identityId: string, bigMiddleCursor: string, eventsFrom: number, eventsTo: number, events: number }} SqlSeed
 */
/** The audit-list seed (audit-list.mjs), when that group runs. @typedef {{ audit?: import("./audit-list.mjs").AuditSeed }} AuditPart */
/** @typedef {ApiSeed & SqlSeed & AuditPart} SeedContext */
/** @typedef {{ token?: string, cookie?: string, origin?: string, headers?: Record<string, string> }} CallOptions */

/**
 * POST a JSON body; returns {status, json, headers}. `json` is the parsed body (undefined when it is
 * not JSON): callers state the shape they read from it, the bench trusting the server it measures.
 * @param {string} base
 * @param {string} path
 * @param {unknown} body
 * @param {CallOptions} [options]
 * @returns {Promise<{ status: number, json: unknown, headers: Headers }>}
 */
export async function call(base, path, body, { token, cookie, origin, headers = {} } = {}) {
  /** @type {Record<string, string>} */
  const h = { "content-type": "application/json", ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  if (cookie) h.cookie = cookie;
  if (origin) h.origin = origin;
  const r = await fetch(base + path, { method: "POST", headers: h, body: JSON.stringify(body) });
  const text = await r.text();
  /** @type {unknown} */
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: r.status, json, headers: r.headers };
}

/**
 * `call`, failing on anything but a 200; returns the answer's `data` (for the caller to give its shape).
 * @param {string} base
 * @param {string} path
 * @param {unknown} body
 * @param {CallOptions} [opts]
 * @returns {Promise<{ data: unknown, headers: Headers }>}
 */
async function must(base, path, body, opts) {
  const r = await call(base, path, body, opts);
  const json = /** @type {{ data?: unknown, error?: unknown } | null | undefined} */ (r.json);
  if (r.status !== 200) throw new Error(`${path} → ${r.status} ${JSON.stringify(json?.error ?? json)}`);
  return { data: json?.data, headers: r.headers };
}

export const PORTAL_PERMISSIONS = ["api.*.read_key", "api.*.create_key", "api.*.reroll_key", "api.*.read_analytics"];

/**
 * The realistic key's limits: credits that a bench run cannot use up (about 10^5 verifications a run)
 * and an auto-applied rate limit far above any rate this machine reaches, so that every verification
 * evaluates both (a rate-limit window upsert and a credit decrement) and always answers VALID.
 */
/** How many realistic keys the verify runs rotate over. */
export const REALISTIC_POOL = 256;

export const REALISTIC_KEY = {
  credits: { remaining: 1_000_000_000 },
  ratelimits: [{ name: "requests", limit: 1_000_000_000, duration: 60_000, autoApply: true }],
};

/**
 * Through the API: workspace (root key `*`), three APIs, a portal over the main one, one key to verify.
 * @param {string} base
 * @param {string} operatorToken
 * @returns {Promise<ApiSeed>}
 */
export async function seedViaApi(base, operatorToken) {
  const op = { token: operatorToken };
  const ws = /** @type {{ workspaceId: string, rootKey: string }} */ ((await must(base, "/operator/v1/workspaces.create", { name: "Bench" }, op)).data);
  /** @param {string} name */
  const api = async (name) =>
    /** @type {{ apiId: string }} */ ((await must(base, "/operator/v1/apis.create", { workspaceId: ws.workspaceId, name, prefix: "bk" }, op)).data).apiId;
  const apiMain = await api("bench-main");
  const apiSmall = await api("bench-10k");
  const apiBig = await api("bench-1m");
  const portal = /** @type {{ portalId?: string, id?: string }} */ (
    (await must(base, "/operator/v1/portals.create", { workspaceId: ws.workspaceId, slug: "bench", apiIds: [apiMain], maxKeys: 1000 }, op)).data
  );
  const root = { token: ws.rootKey };
  const verify = /** @type {{ key: string, keyId: string }} */ (
    (await must(base, "/v2/keys.createKey", { apiId: apiMain, externalId: USER, name: "verify-me" }, root)).data
  );
  // Its own end user, so the portal user's 1,000 keys (and the keys page) stay as they are.
  /** @type {string[]} */
  const realisticKeys = [];
  for (let i = 0; i < REALISTIC_POOL; i += 16) {
    const batch = Array.from({ length: Math.min(16, REALISTIC_POOL - i) }, (_, j) =>
      must(base, "/v2/keys.createKey", { apiId: apiMain, externalId: "bench-realistic", name: `realistic-${i + j}`, ...REALISTIC_KEY }, root),
    );
    for (const r of await Promise.all(batch)) realisticKeys.push(/** @type {{ key: string }} */ (r.data).key);
  }
  const portalId = portal.portalId ?? portal.id;
  if (!portalId) throw new Error("portals.create answered no portal id");
  return {
    workspaceId: ws.workspaceId,
    rootKey: ws.rootKey,
    apiMain,
    apiSmall,
    apiBig,
    portalId,
    verifyKey: verify.key,
    verifyKeyId: verify.keyId,
    realisticKeys,
  };
}

/**
 * A portal session for USER: the sealed browser cookie, the raw access token.
 * @param {string} base
 * @param {ApiSeed} ctx
 * @returns {Promise<{ sessionId: string, cookie: string, token: string }>}
 */
export async function portalSession(base, ctx) {
  const created = /** @type {{ id: string, url: string }} */ (
    (await must(base, "/v2/portal.createSession", { portal: ctx.portalId, externalId: USER, permissions: PORTAL_PERMISSIONS }, { token: ctx.rootKey })).data
  );
  const code = new URL(created.url).searchParams.get("session");
  const ex = await must(base, "/v2/portal.exchangeCode", { code });
  const setCookie = ex.headers.get("set-cookie") ?? "";
  const cookie = setCookie.split(";")[0] ?? "";
  return { sessionId: created.id, cookie, token: /** @type {{ accessToken: string }} */ (ex.data).accessToken };
}

/** @typedef {(text: string) => Promise<readonly Record<string, unknown>[]>} RunSql  One statement; its rows. */

/**
 * Bulk load the way databases are bulk loaded: drop the secondary indexes of `table`, run `fn`,
 * then re-create them from their saved definitions (pg_indexes.indexdef), so the end state has
 * exactly the schema's indexes. Building an index once is several times faster than maintaining
 * it row by row over millions of inserts.
 * @param {RunSql} q
 * @param {string} table
 * @param {() => Promise<void>} fn
 */
export async function withoutIndexes(q, table, fn) {
  const defs = /** @type {readonly { indexname: string, indexdef: string }[]} */ (
    await q(`select indexname, indexdef from pg_indexes where schemaname = current_schema() and tablename = '${table}' and indexname not like '%_pkey'`)
  );
  for (const d of defs) await q(`drop index ${d.indexname}`);
  try {
    await fn();
  } finally {
    for (const d of defs) await q(d.indexdef);
  }
}

/**
 * The SQL seed. `q(text)` runs one statement (postgres.js `unsafe` or PGlite `query`). Counts:
 * 999 more keys for USER (1,000 with the API-made one), `small` keys in apiSmall, `big` keys in
 * apiBig, `events` verification events of USER spread over the 30 days before `at` (all inside
 * [at - 30 days, at), the window returned as eventsFrom/eventsTo).
 * @param {RunSql} q
 * @param {ApiSeed} ctx
 * @param {{
 *   small: number, big: number, events: number, at: number, log: (message: string) => void,
 *   parallel?: number, maintenanceMem?: string,
 * }} sizes
 * @returns {Promise<SqlSeed>}
 */
export async function seedSql(q, ctx, { small, big, events, at, log, parallel = 1, maintenanceMem = "256MB" }) {
  /** @param {string | number} s */
  const lit = (s) => `'${String(s).replace(/'/g, "''")}'`;
  const ws = lit(ctx.workspaceId);
  const idRows = /** @type {readonly { id: string }[]} */ (await q(`select id from identities where workspace_id = ${ws} and external_id = ${lit(USER)}`));
  const identityId = idRows[0]?.id;
  if (!identityId) throw new Error(`no identity for ${USER}: seedViaApi's createKey should have made it`);
  const base = at - 400 * DAY;
  /**
   * @param {string} prefix
   * @param {string} api
   * @param {string | null} identity
   * @param {number} from
   * @param {number} to
   */
  const keysInsert = (prefix, api, identity, from, to) => `
    insert into keys (id, workspace_id, api_id, identity_id, hash, start, name, enabled, created_at, byte_length)
    select 'key_${prefix}' || lpad(i::text, 8, '0'), ${ws}, ${lit(api)}, ${identity ? lit(identity) : "null"},
           encode(sha256(convert_to('${prefix}:' || ${ws} || ':' || i, 'UTF8')), 'base64'),
           'bk_' || substr(md5(i::text), 1, 4), 'key ' || i, true, ${base} + i * 10, 16
    from generate_series(${from}, ${to}) as i`;
  /**
   * @param {string} label
   * @param {string} text
   */
  const step = async (label, text) => {
    const t0 = Date.now();
    await q(text);
    log(`  seed ${label}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  };
  await step("999 keys of the portal user", keysInsert("u", ctx.apiMain, identityId, 1, 999));
  await step(`${small} keys (apiSmall)`, keysInsert("s", ctx.apiSmall, null, 1, small));
  // Chunks run `parallel` at a time (Postgres: one connection each; PGlite: 1).
  /** @param {(() => Promise<void>)[]} jobs */
  const inParallel = async (jobs) => {
    const queue = [...jobs];
    await Promise.all(Array.from({ length: parallel }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) await job();
    }));
  };
  const CHUNK = 250_000;
  /** @type {(() => Promise<void>)[]} */
  const keyJobs = [];
  for (let from = 1; from <= big; from += CHUNK) {
    keyJobs.push(() => step(`keys ${from}–${Math.min(big, from + CHUNK - 1)} (apiBig)`, keysInsert("b", ctx.apiBig, null, from, Math.min(big, from + CHUNK - 1))));
  }
  if (keyJobs.length) {
    await q(`set maintenance_work_mem = '${maintenanceMem}'`);
    const t1 = Date.now();
    await withoutIndexes(q, "keys", () => inParallel(keyJobs));
    log(`  seed keys of apiBig incl. index builds: ${((Date.now() - t1) / 1000).toFixed(1)} s`);
  }
  const span = 30 * DAY;
  const EV_CHUNK = 1_000_000;
  /** @type {(() => Promise<void>)[]} */
  const eventJobs = [];
  for (let from = 1; from <= events; from += EV_CHUNK) {
    const to = Math.min(events, from + EV_CHUNK - 1);
    eventJobs.push(() => step(
      `events ${from}–${to}`,
      `insert into verification_events (time, workspace_id, api_id, key_id, identity_id, outcome)
       select ${at} - 1 - ((i - 1)::bigint * ${span} / ${events}), ${ws}, ${lit(ctx.apiMain)},
              'key_u' || lpad((1 + i % 999)::text, 8, '0'), ${lit(identityId)},
              case when i % 50 = 0 then 'RATE_LIMITED' when i % 97 = 0 then 'USAGE_EXCEEDED' when i % 211 = 0 then 'EXPIRED' else 'VALID' end
       from generate_series(${from}, ${to}) as i`,
    ));
  }
  if (eventJobs.length) {
    const t1 = Date.now();
    await withoutIndexes(q, "verification_events", () => inParallel(eventJobs));
    log(`  seed events incl. index builds: ${((Date.now() - t1) / 1000).toFixed(1)} s`);
    // The server keeps the hourly rollups up to date as it writes events (db/queries/events.ts); events
    // seeded by SQL bypass that, so rebuild the workspace's rollups from them, or getVerifications would
    // read empty hours.
    const counts = `count(*), ${["VALID", "RATE_LIMITED", "INSUFFICIENT_PERMISSIONS", "FORBIDDEN", "DISABLED", "EXPIRED", "USAGE_EXCEEDED", "NOT_FOUND"].map((o) => `count(*) filter (where outcome = '${o}')`).join(", ")}`;
    const counters = "total, valid, rate_limited, insufficient_permissions, forbidden, disabled, expired, usage_exceeded, not_found";
    await step("clear per-key rollups", `delete from verification_rollups where workspace_id = ${ws}`);
    await step("clear per-user rollups", `delete from verification_identity_rollups where workspace_id = ${ws}`);
    await step(
      "verification_rollups (per key) from events",
      `insert into verification_rollups (workspace_id, key_id, hour, identity_id, api_id, ${counters})
       select workspace_id, key_id, (time / 3600000) * 3600000, identity_id, api_id, ${counts}
       from verification_events where workspace_id = ${ws} and key_id is not null group by 1, 2, 3, 4, 5`,
    );
    await step(
      "verification_identity_rollups (per user) from events",
      `insert into verification_identity_rollups (workspace_id, identity_id, hour, api_id, ${counters})
       select workspace_id, identity_id, (time / 3600000) * 3600000, api_id, ${counts}
       from verification_events where workspace_id = ${ws} and identity_id is not null group by 1, 2, 3, 4`,
    );
  }
  await step("analyze", "analyze");
  return {
    identityId,
    bigMiddleCursor: cursor(base + Math.floor(big / 2) * 10, `key_b${String(Math.floor(big / 2)).padStart(8, "0")}`),
    // i = 1 … events lands at at - 1 - (i - 1) · span / events: from at - 1 down to just above at - span.
    eventsFrom: at - span,
    eventsTo: at,
    events,
  };
}

/**
 * lib/keys/page-cursor.ts encoding: base64url JSON [createdAt, id].
 * @param {number} createdAt
 * @param {string} id
 */
export function cursor(createdAt, id) {
  return Buffer.from(JSON.stringify([createdAt, id])).toString("base64url");
}
