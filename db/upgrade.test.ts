import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { migratePglite, migratePostgres } from "@/db/migrate";
import * as schema from "@/db/schema";
import { getVerifications } from "@/lib/portal-sessions/get-verifications";
import type { PortalSessionContext } from "@/lib/portal-sessions/session-context";
import { BACKENDS } from "@/lib/testing/test-db";

/**
 * Upgrades (docs/operations.md): a database at every earlier migration, holding keys, sessions, events and rate-limit rows,
 * upgraded to the latest keeps every row, its analytics (read from the hourly rollups) count every
 * event from before the upgrade (0009_rollups_backfill), and its portals and sessions get the defaults
 * that keep them as they were (0010_portal_embedding).
 */
const REAL = path.join(process.cwd(), "db", "migrations");
const journal = JSON.parse(readFileSync(path.join(REAL, "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A migrations folder holding only the first `n` migrations of the journal. */
function firstMigrations(n: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), "keyport-mig-"));
  temps.push(dir);
  mkdirSync(path.join(dir, "meta"));
  const entries = journal.entries.slice(0, n);
  for (const e of entries) copyFileSync(path.join(REAL, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  writeFileSync(path.join(dir, "meta", "_journal.json"), JSON.stringify({ ...journal, entries }));
  return dir;
}

const rowsOf = (r: unknown) => (Array.isArray(r) ? r : (r as { rows: Record<string, unknown>[] }).rows) as Record<string, unknown>[];
const q = async (db: Db, text: string) => rowsOf(await db.execute(sql.raw(text)));

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 0, 5); // a UTC midnight
const OUTCOMES = ["VALID", "RATE_LIMITED", "INSUFFICIENT_PERMISSIONS", "FORBIDDEN", "DISABLED", "EXPIRED", "USAGE_EXCEEDED", "NOT_FOUND"];
type Ev = { time: number; apiId: string | null; keyId: string | null; identityId: string | null; outcome: string };

/** Events over three days: two keys of one user in two APIs, a key without a user, unknown keys. */
function events(): Ev[] {
  const out: Ev[] = [];
  for (let i = 0; i < 400; i++) {
    const time = T0 + ((i * 7_919_333) % (3 * DAY));
    const outcome = OUTCOMES[i % OUTCOMES.length]!;
    const which = i % 4;
    if (which === 0) out.push({ time, apiId: "api_a", keyId: "key_a", identityId: "id_u", outcome });
    else if (which === 1) out.push({ time, apiId: "api_b", keyId: "key_b", identityId: "id_u", outcome });
    else if (which === 2) out.push({ time, apiId: "api_a", keyId: "key_c", identityId: null, outcome });
    else out.push({ time, apiId: "api_a", keyId: null, identityId: null, outcome: "NOT_FOUND" });
  }
  return out;
}
const lit = (v: string | number | null) => (v === null ? "null" : typeof v === "number" ? String(v) : `'${v}'`);

/**
 * Rows valid at every schema since 0000; rate-limit counters once 0001 made their table. Rollups from
 * `rolledUpSince` on: a server that ran 0004/0005 but not 0009 rolled up only the events it wrote
 * itself (the last day's); after 0009 every event is rolled up.
 */
async function seed(db: Db, evs: Ev[], rolledUpSince: number): Promise<void> {
  const tables = new Set((await q(db, "select table_name from information_schema.tables where table_schema = 'public'")).map((r) => r.table_name));
  await q(db, `insert into workspaces (id, name, created_at) values ('ws_1', 'Acme', ${T0})`);
  await q(db, `insert into apis (id, workspace_id, name, created_at) values ('api_a', 'ws_1', 'A', ${T0}), ('api_b', 'ws_1', 'B', ${T0})`);
  await q(db, `insert into identities (id, workspace_id, external_id, created_at) values ('id_u', 'ws_1', 'user_1', ${T0})`);
  await q(
    db,
    `insert into keys (id, workspace_id, api_id, identity_id, hash, start, created_at) values
     ('key_a', 'ws_1', 'api_a', 'id_u', 'h_a', 'kp_a', ${T0}), ('key_b', 'ws_1', 'api_b', 'id_u', 'h_b', 'kp_b', ${T0 + 1}),
     ('key_c', 'ws_1', 'api_a', null, 'h_c', 'kp_c', ${T0 + 2})`,
  );
  await q(db, `insert into portal_configs (id, workspace_id, slug, display_name, created_at) values ('portal_1', 'ws_1', 'acme', 'Acme', ${T0})`);
  await q(db, `insert into portal_config_apis (portal_id, api_id) values ('portal_1', 'api_a'), ('portal_1', 'api_b')`);
  await q(
    db,
    `insert into portal_sessions (id, workspace_id, portal_id, external_id, permissions, created_by, code_hash, code_expires_at, created_at)
     values ('ps_1', 'ws_1', 'portal_1', 'user_1', '["api.api_a.read_analytics"]', 'rk_1', 'ch_1', ${T0 + HOUR}, ${T0})`,
  );
  for (let i = 0; i < evs.length; i += 100) {
    const values = evs.slice(i, i + 100).map((e) => `(${e.time}, 'ws_1', ${lit(e.apiId)}, ${lit(e.keyId)}, ${lit(e.identityId)}, '${e.outcome}')`);
    await q(db, `insert into verification_events (time, workspace_id, api_id, key_id, identity_id, outcome) values ${values.join(", ")}`);
  }
  if (tables.has("ratelimit_counters")) {
    await q(db, `insert into ratelimit_counters (subject, name, window_start, count, expires_at) values ('key_a', 'default', ${T0}, 7, ${T0 + 60_000}), ('id_u', 'calls', ${T0}, 3, ${T0 + 60_000})`);
  }
  const counts = ["count(*)", ...OUTCOMES.map((o) => `count(*) filter (where outcome = '${o}')`)].join(", ");
  const counters = "total, valid, rate_limited, insufficient_permissions, forbidden, disabled, expired, usage_exceeded, not_found";
  if (tables.has("verification_rollups")) {
    await q(
      db,
      `insert into verification_rollups (workspace_id, key_id, hour, identity_id, api_id, ${counters})
       select workspace_id, key_id, (time / 3600000) * 3600000, identity_id, api_id, ${counts}
       from verification_events where key_id is not null and time >= ${rolledUpSince} group by 1, 2, 3, 4, 5`,
    );
  }
  if (tables.has("verification_identity_rollups")) {
    await q(
      db,
      `insert into verification_identity_rollups (workspace_id, identity_id, hour, api_id, ${counters})
       select workspace_id, identity_id, (time / 3600000) * 3600000, api_id, ${counts}
       from verification_events where identity_id is not null and time >= ${rolledUpSince} group by 1, 2, 3, 4`,
    );
  }
}

const ROLLUPS = new Set(["verification_rollups", "verification_identity_rollups"]);

/** Every row of every table but the rollups, by the columns the table has now. */
async function snapshot(db: Db): Promise<Map<string, { cols: string[]; rows: unknown[] }>> {
  const cols = await q(db, "select table_name, column_name from information_schema.columns where table_schema = 'public' order by table_name, ordinal_position");
  const byTable = new Map<string, string[]>();
  for (const c of cols) {
    const t = String(c.table_name);
    if (!ROLLUPS.has(t)) byTable.set(t, [...(byTable.get(t) ?? []), String(c.column_name)]);
  }
  const out = new Map<string, { cols: string[]; rows: unknown[] }>();
  for (const [t, cs] of byTable) out.set(t, { cols: cs, rows: await rowsIn(db, t, cs) });
  return out;
}
const rowsIn = (db: Db, table: string, cols: string[]) => {
  const list = cols.map((c) => `"${c}"`).join(", ");
  return q(db, `select ${list} from "${table}" order by ${cols.map((_, i) => i + 1).join(", ")}`);
};

/** What getVerifications must answer, counted from the events themselves. */
function expected(evs: Ev[], start: number, end: number, size: number, apiIds: string[], keyId?: string) {
  const field: Record<string, string> = { VALID: "valid", RATE_LIMITED: "rateLimited", INSUFFICIENT_PERMISSIONS: "insufficientPermissions", FORBIDDEN: "forbidden", DISABLED: "disabled", EXPIRED: "expired", USAGE_EXCEEDED: "usageExceeded" };
  const buckets = new Map<number, Record<string, number>>();
  for (let t = start; t < end; t += size) buckets.set(t, { time: t, total: 0, valid: 0, rateLimited: 0, insufficientPermissions: 0, forbidden: 0, disabled: 0, expired: 0, usageExceeded: 0 });
  for (const e of evs) {
    if (e.identityId !== "id_u" || !apiIds.includes(e.apiId ?? "") || (keyId && e.keyId !== keyId) || e.time < start || e.time >= end) continue;
    const b = buckets.get(Math.floor(e.time / size) * size)!;
    b.total!++;
    const f = field[e.outcome];
    if (f) b[f]!++;
  }
  return [...buckets.values()];
}

async function checkAnalytics(db: Db, evs: Ev[]) {
  const apiIds = ["api_a", "api_b"];
  const session = {
    kind: "portal",
    sessionId: "ps_1",
    workspaceId: "ws_1",
    portalId: "portal_1",
    externalId: "user_1",
    permissions: apiIds.map((a) => `api.${a}.read_analytics`),
    preview: false,
    portal: { id: "portal_1", apiIds },
  } as unknown as PortalSessionContext;
  // Hour buckets (3 days) and day buckets (30 days), per user and per key: all read from the rollups.
  const windows: [number, number][] = [[T0, T0 + 3 * DAY], [T0 - 10 * DAY, T0 + 20 * DAY]];
  for (const [start, end] of windows) {
    const size = end - start > 7 * DAY ? DAY : HOUR;
    expect(await getVerifications({ db, session, input: { startTime: start, endTime: end } })).toEqual(expected(evs, start, end, size, apiIds));
    expect(await getVerifications({ db, session, input: { startTime: start, endTime: end, keyId: "key_b" } })).toEqual(expected(evs, start, end, size, apiIds, "key_b"));
  }
}

type Opened = { db: Db; migrateTo: (folder: string) => Promise<void>; migrateLatest: () => Promise<void>; close: () => Promise<void> };

async function open(backend: string): Promise<Opened> {
  if (backend === "pglite") {
    const { PGlite } = await import("@electric-sql/pglite");
    const { drizzle } = await import("drizzle-orm/pglite");
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    const client = new PGlite("memory://");
    const db = drizzle(client, { schema }) as unknown as Db;
    return { db, migrateTo: (f) => migrate(db as never, { migrationsFolder: f }), migrateLatest: () => migratePglite(db), close: () => client.close() };
  }
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  const name = `keyport_up_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await admin.unsafe(`create database "${name}"`);
  const u = new URL(process.env.DATABASE_URL!);
  u.pathname = `/${name}`;
  const client = postgres(u.toString(), { max: 2, onnotice: () => {} });
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    migrateTo: (f) => migrate(db as never, { migrationsFolder: f }),
    migrateLatest: () => migratePostgres(u.toString()),
    close: async () => {
      await client.end({ timeout: 5 });
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

describe.each(BACKENDS)("upgrade from every earlier migration (%s)", (backend) => {
  // n = how many migrations the old server had applied (0000 … n-1).
  const stops = journal.entries.slice(1).map((e, i) => ({ n: i + 1, next: e.tag }));
  it.each(stops)("from just before $next: every row kept, every analytics figure counts the old events", async ({ n }) => {
    const h = await open(backend);
    try {
      await h.migrateTo(firstMigrations(n));
      const evs = events();
      const backfilled = journal.entries.slice(0, n).some((e) => e.tag === "0009_rollups_backfill");
      await seed(h.db, evs, backfilled ? 0 : T0 + 2 * DAY);
      const before = await snapshot(h.db);
      await h.migrateLatest();
      for (const [table, { cols, rows }] of before) expect(await rowsIn(h.db, table, cols), table).toEqual(rows);
      // 0010: old portals may not be framed; old sessions render as before (system theme, keys tab).
      expect(await q(h.db, "select embed_origins from portal_configs")).toEqual([{ embed_origins: [] }]);
      expect(await q(h.db, "select locale, theme, intent from portal_sessions")).toEqual([{ locale: null, theme: "system", intent: "keys" }]);
      await checkAnalytics(h.db, evs);
    } finally {
      await h.close();
    }
  }, 60_000);
});
