// @ts-check
// The console's key search over one workspace of 1 M keys (docs/benchmarks.md "Console key search"):
// the workspace and its two APIs through the operator API, 100 k end users and 1 M keys by SQL
// generate_series, then ~200 searches per term kind through searchWorkspaceKeys — the function the
// console's keys page calls — bundled from the build under test, on the bench's database.
import { createHash } from "node:crypto";
import path from "node:path";
import * as esbuild from "esbuild";
import { bodyProblem } from "./body-checks.mjs";
import { call, withoutIndexes } from "./seed.mjs";

/** Words the seeded key names start with (every fifth key each): "Production 3fa9c2e1". */
const WORDS = ["Production", "Staging", "Billing", "Search", "CI runner"];
const DAY = 86_400_000;

/** @param {string} s */
const md5 = (s) => createHash("md5").update(s).digest("hex");

/**
 * The seeded key i, as the SQL below makes it (the same expressions in JS, so terms need no query).
 * Key i is created at base + 10·i, so a higher i is newer.
 * @param {number} i
 * @param {number} identities
 */
export function seededKey(i, identities) {
  const owner = i % 4 === 0 ? null : 1 + ((i * 7919) % identities);
  return {
    id: `key_${md5(`ks${i}`).slice(0, 16)}`,
    start: `ks_${md5(`s${i}`).slice(0, 4)}`,
    name: `${WORDS[i % WORDS.length]} ${md5(`n${i}`).slice(0, 8)}`,
    externalId: owner === null ? null : `user_${md5(`u${owner}`).slice(0, 10)}`,
  };
}

/**
 * The workspace (its root key `*`) and two APIs with the prefix `ks`, through the operator API.
 * @param {string} base
 * @param {string} operatorToken
 * @returns {Promise<{ workspaceId: string, apiIds: string[] }>}
 */
export async function keySearchWorkspace(base, operatorToken) {
  /** @param {string} p @param {unknown} body */
  const op = async (p, body) => {
    const r = await call(base, p, body, { token: operatorToken });
    if (r.status !== 200) throw new Error(`${p} → ${r.status} ${JSON.stringify(r.json)}`);
    return /** @type {{ data: Record<string, string> }} */ (r.json).data;
  };
  const ws = await op("/operator/v1/workspaces.create", { name: "Console search" });
  const workspaceId = /** @type {string} */ (ws.workspaceId);
  const apiIds = [];
  for (const name of ["search-main", "search-second"]) apiIds.push(/** @type {string} */ ((await op("/operator/v1/apis.create", { workspaceId, name, prefix: "ks" })).apiId));
  return { workspaceId, apiIds };
}

/**
 * 100 k identities and `keys` keys of the workspace by SQL (one in four without an owner, one in ten in
 * the second API), the keys' and identities' secondary indexes dropped during the load and re-created
 * from their definitions after it (migration 0011's search indexes among them), then ANALYZE.
 * @param {import("./seed.mjs").RunSql} q
 * @param {{ workspaceId: string, apiIds: string[] }} ws
 * @param {{ keys: number, identities: number, at: number, log: (m: string) => void, parallel?: number }} o
 */
export async function seedKeySearch(q, ws, { keys, identities, at, log, parallel = 1 }) {
  /** @param {string} s */
  const lit = (s) => `'${s.replace(/'/g, "''")}'`;
  const w = lit(ws.workspaceId);
  const [main, second] = ws.apiIds.map(lit);
  const base = at - 400 * DAY;
  const t0 = Date.now();
  await withoutIndexes(q, "identities", () =>
    q(`insert into identities (id, workspace_id, external_id, created_at)
       select 'id_ks' || j, ${w}, 'user_' || substr(md5('u' || j), 1, 10), ${base} + j
       from generate_series(1, ${identities}) as j`).then(() => undefined),
  );
  log(`  seed ${identities} identities (console search): ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const words = `(array[${WORDS.map(lit).join(", ")}])`;
  const CHUNK = 250_000;
  /** @type {(() => Promise<void>)[]} */
  const jobs = [];
  for (let from = 1; from <= keys; from += CHUNK) {
    const to = Math.min(keys, from + CHUNK - 1);
    jobs.push(async () => {
      const t = Date.now();
      await q(`insert into keys (id, workspace_id, api_id, identity_id, hash, start, name, enabled, created_at, byte_length)
        select 'key_' || substr(md5('ks' || i), 1, 16), ${w}, case when i % 10 = 0 then ${second} else ${main} end,
               case when i % 4 = 0 then null else 'id_ks' || (1 + (i::bigint * 7919) % ${identities}) end,
               encode(sha256(convert_to('ks:' || i, 'UTF8')), 'base64'), 'ks_' || substr(md5('s' || i), 1, 4),
               ${words}[1 + i % ${WORDS.length}] || ' ' || substr(md5('n' || i), 1, 8), true, ${base}::bigint + i::bigint * 10, 16
        from generate_series(${from}, ${to}) as i`);
      log(`  seed keys ${from}–${to} (console search): ${((Date.now() - t) / 1000).toFixed(1)} s`);
    });
  }
  const t1 = Date.now();
  await withoutIndexes(q, "keys", async () => {
    const queue = [...jobs];
    await Promise.all(Array.from({ length: parallel }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) await job();
    }));
  });
  log(`  seed ${keys} keys (console search) incl. index builds: ${((Date.now() - t1) / 1000).toFixed(1)} s`);
  await q("analyze keys");
  await q("analyze identities");
}

/**
 * Bundles searchWorkspaceKeys and openDatabase from the build under test with the backend plane's own
 * esbuild options (packages external, `server-only` empty), into its .next folder, and imports them.
 * @param {string} appDir
 * @returns {Promise<{
 *   searchWorkspaceKeys: (db: unknown, workspaceId: string, input: { q?: string, cursor?: string }) => Promise<{ rows: { keyId: string, name: string | null, start: string, externalId: string | null }[], nextCursor?: string }>,
 *   openDatabase: (o: { url?: string, dataDir?: string, poolSize?: number }) => Promise<{ db: unknown, close: () => Promise<void> }>,
 * }>}
 */
export async function loadKeySearch(appDir) {
  const { backendBuildOptions } = await import(path.join(appDir, "bin/build-backend.mjs"));
  const outfile = path.join(appDir, ".next/bench-key-search.mjs");
  const options = backendBuildOptions({ dev: false, outfile });
  await esbuild.build({
    ...options,
    entryPoints: undefined,
    sourcemap: false,
    stdin: {
      contents: `export { searchWorkspaceKeys } from "@/lib/console/key-search"; export { openDatabase } from "@/db/client";`,
      resolveDir: appDir,
      loader: "ts",
    },
  });
  return import(outfile);
}

/** The kinds of term timed, each judged on its own row. */
export const TERM_KINDS = [
  { id: "keyid", name: "key id, exact" },
  { id: "keyid-prefix", name: "key id, prefix of 10 characters" },
  { id: "start", name: "key start (ks_ + 4), ~15 matches" },
  { id: "name", name: "name prefix, any case, ~3 matches" },
  { id: "externalid", name: "owner externalId, ~7 keys" },
  { id: "broad", name: "broad prefix matching 20–100 % of keys" },
];

/**
 * For each kind, `n` terms built from random seeded keys, and how to tell a right answer: the key the
 * term came from is among the results (narrow kinds; a start shared by more than a page of keys is
 * followed to later pages, untimed), or a full page of keys that all match (broad).
 * @param {number} keys
 * @param {number} identities
 * @param {number} n
 */
function terms(keys, identities, n) {
  /** @type {Record<string, { q: string, key?: string, ok: (rows: { keyId: string, name: string | null, start: string, externalId: string | null }[]) => boolean }[]>} */
  const out = Object.fromEntries(TERM_KINDS.map((k) => [k.id, []]));
  const broad = ["Production", "billing", "ks_", "user_", "stag"];
  for (let t = 0; t < n; t++) {
    let i = 1 + Math.floor(Math.random() * keys);
    const key = seededKey(i, identities);
    /** @param {{ keyId: string }[]} rows */
    const has = (rows) => rows.some((r) => r.keyId === key.id);
    out.keyid?.push({ q: key.id, ok: (rows) => rows.length === 1 && has(rows) });
    out["keyid-prefix"]?.push({ q: key.id.slice(0, 10), key: key.id, ok: has });
    out.start?.push({ q: key.start, key: key.id, ok: has });
    out.name?.push({ q: key.name.slice(0, -4).toLowerCase(), key: key.id, ok: has });
    // A key with an owner for the externalId row.
    while (seededKey(i, identities).externalId === null) i = 1 + (i % keys);
    const owned = seededKey(i, identities);
    out.externalid?.push({ q: /** @type {string} */ (owned.externalId), key: owned.id, ok: (rows) => rows.some((r) => r.keyId === owned.id) });
    const b = /** @type {string} */ (broad[t % broad.length]);
    out.broad?.push({
      q: b,
      ok: (rows) =>
        rows.length === 25 &&
        rows.every((r) => (r.name ?? "").toLowerCase().startsWith(b.toLowerCase()) || r.start.startsWith(b) || (r.externalId ?? "").startsWith(b) || r.keyId.startsWith(b)),
    });
  }
  return out;
}

/**
 * ~`n` searches per kind, one at a time (after 10 to warm up), through searchWorkspaceKeys; per kind a
 * run result as the table reads it (p50/p99 over the searches, every answer checked).
 * @param {Awaited<ReturnType<typeof loadKeySearch>>} mod
 * @param {unknown} db
 * @param {string} workspaceId
 * @param {{ keys: number, identities: number, n: number, log: (m: string) => void, only?: string[] }} o
 * @returns {Promise<Record<string, import("./scenarios.mjs").RunResult>>}
 */
export async function timeKeySearch(mod, db, workspaceId, { keys, identities, n, log, only }) {
  const all = terms(keys, identities, n + 10);
  /** @type {Record<string, import("./scenarios.mjs").RunResult>} */
  const out = {};
  for (const kind of TERM_KINDS.filter((k) => !only || only.includes(k.id))) {
    const list = all[kind.id] ?? [];
    for (const t of list.slice(0, 10)) await mod.searchWorkspaceKeys(db, workspaceId, { q: t.q });
    /** @type {number[]} */
    const ms = [];
    let wrong = 0;
    /** @type {string | undefined} */
    let example;
    const started = process.hrtime.bigint();
    for (const t of list.slice(10)) {
      const t0 = process.hrtime.bigint();
      const page = await mod.searchWorkspaceKeys(db, workspaceId, { q: t.q });
      ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
      let ok = t.ok(page.rows);
      // The key may be older than a page of keys sharing its prefix: follow the pages (not timed).
      for (let next = page.nextCursor, pages = 1; !ok && t.key && next && pages < 20; pages++) {
        const more = await mod.searchWorkspaceKeys(db, workspaceId, { q: t.q, cursor: next });
        ok = t.ok(more.rows);
        next = more.nextCursor;
      }
      if (!ok) {
        wrong++;
        example ??= `${t.q} → ${page.rows.length} rows`;
      }
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    ms.sort((x, y) => x - y);
    const at = (/** @type {number} */ p) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] ?? NaN;
    out[kind.id] = {
      connections: 1,
      rps: ms.length / seconds,
      p50: at(0.5),
      p99: at(0.99),
      errors: 0,
      rssMaxMB: NaN,
      cpuMsPerReq: NaN,
      bodies: { expect: "the term's key on the first page (narrow) or 25 matching keys (broad)", every: 1, checked: ms.length, wrong, example },
    };
    log(`  console key search, ${kind.name}: p50 ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms, ${wrong} wrong of ${ms.length}`);
  }
  return out;
}

/** The target every kind is judged on. */
export const KEY_SEARCH_P50_MS = 50;

/**
 * The index the key-id prefix kind wants and migration 0011 does not create (docs/console.md "Keys and
 * sessions"): on a Postgres whose collation is not C, LIKE 'key_…%' cannot use the primary key.
 */
export const ID_PREFIX_INDEX = "create index keys_workspace_id_search_idx on keys (workspace_id, id text_pattern_ops)";

/**
 * The console key search's rows of the table, one per term kind: times the searches on `open`'s
 * database (the build's own openDatabase) and judges each kind's p50 against KEY_SEARCH_P50_MS. With
 * `probeSql` (Postgres), one more row, informative: the key-id prefix again after creating
 * ID_PREFIX_INDEX, which is dropped afterwards (the bench database keeps the schema's indexes only).
 * @param {{
 *   appDir: string, backend: import("./report.mjs").Backend, open: { url?: string, dataDir?: string },
 *   workspaceId: string, keys: number, identities: number, n: number, log: (m: string) => void,
 *   probeSql?: import("./seed.mjs").RunSql,
 * }} o
 * @returns {Promise<import("./report.mjs").Run[]>}
 */
export async function measureKeySearch({ appDir, backend, open, workspaceId, keys, identities, n, log, probeSql }) {
  const mod = await loadKeySearch(appDir);
  const handle = await mod.openDatabase({ ...open, poolSize: 2 });
  /** @type {Record<string, import("./scenarios.mjs").RunResult>} */
  let results;
  /** @type {import("./scenarios.mjs").RunResult | undefined} */
  let withIndex;
  try {
    results = await timeKeySearch(mod, handle.db, workspaceId, { keys, identities, n, log });
    if (probeSql) {
      const t0 = Date.now();
      await probeSql(ID_PREFIX_INDEX);
      await probeSql("analyze keys");
      log(`  built keys_workspace_id_search_idx for the probe in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      try {
        withIndex = (await timeKeySearch(mod, handle.db, workspaceId, { keys, identities, n, log, only: ["keyid-prefix"] }))["keyid-prefix"];
      } finally {
        await probeSql("drop index keys_workspace_id_search_idx");
      }
    }
  } finally {
    await handle.close();
  }
  const size = keys >= 1e6 ? `${keys / 1e6} M` : `${keys / 1e3} k`;
  /** @type {import("./report.mjs").Run[]} */
  const runs = TERM_KINDS.map((kind) => ({
    backend,
    id: `keysearch-${kind.id}`,
    group: "keysearch",
    name: `console key search (${size} keys): ${kind.name}`,
    target: `p50 ≤ ${KEY_SEARCH_P50_MS} ms`,
    result: /** @type {import("./scenarios.mjs").RunResult} */ (results[kind.id]),
    check: (/** @type {import("./scenarios.mjs").RunResult} */ r) => {
      const problem = bodyProblem(r.bodies);
      return { figure: [`p50 ${r.p50.toFixed(1)} ms (p99 ${r.p99.toFixed(1)} ms)`, problem].filter(Boolean).join("; "), pass: r.p50 <= KEY_SEARCH_P50_MS && !problem };
    },
  }));
  if (withIndex) {
    const r = withIndex;
    runs.push({
      backend,
      id: "keysearch-keyid-prefix-indexed",
      group: "keysearch",
      name: `console key search (${size} keys): key id prefix, with (workspace_id, id text_pattern_ops), which 0011 lacks`,
      target: "(informative)",
      result: r,
      check: () => ({ figure: `p50 ${r.p50.toFixed(1)} ms (p99 ${r.p99.toFixed(1)} ms)${bodyProblem(r.bodies) ? `; ${bodyProblem(r.bodies)}` : ""}`, pass: null }),
    });
  }
  return runs;
}
