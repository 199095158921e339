// Seed data: the small things through the real API (workspace, APIs, portal, the keys the bench
// verifies), the large things with SQL generate_series (1,000 keys of one end user, 10 k and 1 M keys
// in two APIs, millions of verification events over the last 30 days).

export const USER = "bench-user";
const DAY = 86_400_000;

/** POST a JSON body; returns {status, json, headers}. */
export async function call(base, path, body, { token, cookie, origin, headers = {} } = {}) {
  const h = { "content-type": "application/json", ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  if (cookie) h.cookie = cookie;
  if (origin) h.origin = origin;
  const r = await fetch(base + path, { method: "POST", headers: h, body: JSON.stringify(body) });
  const text = await r.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: r.status, json, headers: r.headers };
}

async function must(base, path, body, opts) {
  const r = await call(base, path, body, opts);
  if (r.status !== 200) throw new Error(`${path} → ${r.status} ${JSON.stringify(r.json?.error ?? r.json)}`);
  return r;
}

export const PORTAL_PERMISSIONS = ["api.*.read_key", "api.*.create_key", "api.*.reroll_key", "api.*.read_analytics"];

/** Through the API: workspace (root key `*`), three APIs, a portal over the main one, one key to verify. */
export async function seedViaApi(base, operatorToken) {
  const op = { token: operatorToken };
  const ws = (await must(base, "/operator/v1/workspaces.create", { name: "Bench" }, op)).json.data;
  const api = async (name) => (await must(base, "/operator/v1/apis.create", { workspaceId: ws.workspaceId, name, prefix: "bk" }, op)).json.data.apiId;
  const apiMain = await api("bench-main");
  const apiSmall = await api("bench-10k");
  const apiBig = await api("bench-1m");
  const portal = (await must(base, "/operator/v1/portals.create", { workspaceId: ws.workspaceId, slug: "bench", apiIds: [apiMain], maxKeys: 1000 }, op)).json.data;
  const root = { token: ws.rootKey };
  const verify = (await must(base, "/v2/keys.createKey", { apiId: apiMain, externalId: USER, name: "verify-me" }, root)).json.data;
  return { workspaceId: ws.workspaceId, rootKey: ws.rootKey, apiMain, apiSmall, apiBig, portalId: portal.portalId ?? portal.id, verifyKey: verify.key, verifyKeyId: verify.keyId };
}

/** A portal session for USER: the sealed browser cookie, the raw access token. */
export async function portalSession(base, ctx) {
  const created = await must(base, "/v2/portal.createSession", { portal: ctx.portalId, externalId: USER, permissions: PORTAL_PERMISSIONS }, { token: ctx.rootKey });
  const code = new URL(created.json.data.url).searchParams.get("session");
  const ex = await must(base, "/v2/portal.exchangeCode", { code });
  const setCookie = ex.headers.get("set-cookie") ?? "";
  const cookie = setCookie.split(";")[0];
  return { sessionId: created.json.data.id, cookie, token: ex.json.data.accessToken };
}

/**
 * The SQL seed. `q(text)` runs one statement (postgres.js `unsafe` or PGlite `exec`). Counts:
 * 999 more keys for USER (1,000 with the API-made one), `small` keys in apiSmall, `big` keys in
 * apiBig, `events` verification events of USER spread over the 30 days before `at`.
 */
/**
 * Bulk load the way databases are bulk loaded: drop the secondary indexes of `table`, run `fn`,
 * then re-create them from their saved definitions (pg_indexes.indexdef), so the end state has
 * exactly the schema's indexes. Building an index once is several times faster than maintaining
 * it row by row over millions of inserts.
 */
async function withoutIndexes(q, table, fn) {
  const defs = await q(`select indexname, indexdef from pg_indexes where schemaname = current_schema() and tablename = '${table}' and indexname not like '%_pkey'`);
  for (const d of defs) await q(`drop index ${d.indexname}`);
  try {
    await fn();
  } finally {
    for (const d of defs) await q(d.indexdef);
  }
}

export async function seedSql(q, ctx, { small, big, events, at, log, parallel = 1, maintenanceMem = "256MB" }) {
  const lit = (s) => `'${String(s).replace(/'/g, "''")}'`;
  const ws = lit(ctx.workspaceId);
  const idRows = await q(`select id from identities where workspace_id = ${ws} and external_id = ${lit(USER)}`);
  const identityId = idRows[0].id;
  const base = at - 400 * DAY;
  const keysInsert = (prefix, api, identity, from, to) => `
    insert into keys (id, workspace_id, api_id, identity_id, hash, start, name, enabled, created_at, byte_length)
    select 'key_${prefix}' || lpad(i::text, 8, '0'), ${ws}, ${lit(api)}, ${identity ? lit(identity) : "null"},
           encode(sha256(convert_to('${prefix}:' || ${ws} || ':' || i, 'UTF8')), 'base64'),
           'bk_' || substr(md5(i::text), 1, 4), 'key ' || i, true, ${base} + i * 10, 16
    from generate_series(${from}, ${to}) as i`;
  const step = async (label, text) => {
    const t0 = Date.now();
    await q(text);
    log(`  seed ${label}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  };
  await step("999 keys of the portal user", keysInsert("u", ctx.apiMain, identityId, 1, 999));
  await step(`${small} keys (apiSmall)`, keysInsert("s", ctx.apiSmall, null, 1, small));
  // Chunks run `parallel` at a time (Postgres: one connection each; PGlite: 1).
  const inParallel = async (jobs) => {
    const queue = [...jobs];
    await Promise.all(Array.from({ length: parallel }, async () => {
      while (queue.length) await queue.shift()();
    }));
  };
  const CHUNK = 250_000;
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
  const eventJobs = [];
  for (let from = 1; from <= events; from += EV_CHUNK) {
    const to = Math.min(events, from + EV_CHUNK - 1);
    eventJobs.push(() => step(
      `events ${from}–${to}`,
      `insert into verification_events (time, workspace_id, api_id, key_id, identity_id, outcome)
       select ${at} - 1 - (i::bigint * ${span} / ${events}), ${ws}, ${lit(ctx.apiMain)},
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
  return { identityId, bigMiddleCursor: cursor(base + Math.floor(big / 2) * 10, `key_b${String(Math.floor(big / 2)).padStart(8, "0")}`) };
}

/** lib/keys/page-cursor.ts encoding: base64url JSON [createdAt, id]. */
export function cursor(createdAt, id) {
  return Buffer.from(JSON.stringify([createdAt, id])).toString("base64url");
}
