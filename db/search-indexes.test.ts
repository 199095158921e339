import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, openDatabase } from "@/db/client";
import { BACKENDS, type Backend } from "@/lib/testing/test-db";

/**
 * The console's key search and filtered audit pages (docs/console.md) are served by the indexes of
 * 0011_console: the planner picks them for a prefix search and a filtered, newest-first page, on
 * PGlite and on a Postgres database whose collation is not C (ICU en-US), where a LIKE prefix can
 * only use an index built with text_pattern_ops.
 */
const WS = "ws_search";
const rowsOf = (r: unknown) => (Array.isArray(r) ? r : (r as { rows: Record<string, unknown>[] }).rows) as Record<string, unknown>[];

/** A fresh database; on Postgres with a non-C (ICU) default collation. */
async function open(backend: Backend): Promise<DbHandle> {
  if (backend === "pglite") return openDatabase({ dataDir: "memory://" });
  const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  const name = `keyport_icu_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await admin.unsafe(`create database "${name}" template template0 locale_provider icu icu_locale 'en-US' locale 'C.UTF-8'`);
  const u = new URL(process.env.DATABASE_URL!);
  u.pathname = `/${name}`;
  const handle = await openDatabase({ url: u.toString(), poolSize: 2 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

describe.each(BACKENDS)("search and audit indexes on %s", (backend) => {
  let h: DbHandle;
  const q = async (text: string) => rowsOf(await h.db.execute(sql.raw(text)));
  /** The plan of a query as one text block. */
  const plan = async (text: string) => (await q(`explain ${text}`)).map((r) => String(r["QUERY PLAN"])).join("\n");

  beforeAll(async () => {
    h = await open(backend);
    // Five workspaces sharing the tables, so "this workspace" is a fifth of every table.
    await q(`insert into workspaces (id, name, created_at) select 'ws_' || i, 'W' || i, 0 from generate_series(1, 4) i`);
    await q(`insert into workspaces (id, name, created_at) values ('${WS}', 'Search', 0)`);
    await q(`insert into apis (id, workspace_id, name, created_at) select 'api_' || w.id, w.id, 'A', 0 from workspaces w`);
    await q(
      `insert into identities (id, workspace_id, external_id, created_at)
       select 'id_' || w.id || '_' || i, w.id, 'user_' || md5(i::text || w.id), i from workspaces w, generate_series(1, 2000) i`,
    );
    await q(
      `insert into keys (id, workspace_id, api_id, hash, start, name, created_at)
       select 'key_' || w.id || '_' || i, w.id, 'api_' || w.id, md5(w.id || i::text), 'acme_' || substr(md5(i::text || w.id), 1, 4),
              initcap(substr(md5(w.id || i::text || 'n'), 1, 8)) || ' server', i
       from workspaces w, generate_series(1, 4000) i`,
    );
    await q(
      `insert into audit_log (time, workspace_id, actor_type, actor_id, event, resource_id)
       select i, w.id, 'root_key', 'key_actor_' || (i % 5), (array['key.create','key.update','key.delete','api.create'])[1 + i % 4], 'key_res_' || (i % 8)
       from workspaces w, generate_series(1, 8000) i`,
    );
    for (const t of ["workspaces", "apis", "identities", "keys", "audit_log"]) await q(`analyze ${t}`);
  }, 120_000);
  afterAll(async () => h?.close());

  it("runs on a collation other than C on Postgres (where a plain index cannot serve LIKE 'abc%')", async () => {
    if (backend !== "postgres") return;
    const [row] = await q(`select datlocprovider as provider from pg_database where datname = current_database()`);
    expect(row?.provider).toBe("i");
  });

  it("a prefix search of key names (lower-cased) uses keys_workspace_name_search_idx", async () => {
    const p = await plan(`select id from keys where workspace_id = '${WS}' and lower(name) like 'ab%' and deleted_at is null order by lower(name) limit 50`);
    expect(p).toContain("keys_workspace_name_search_idx");
  });

  it("a prefix search of key starts uses keys_workspace_start_search_idx (the _ escaped, as search input must be)", async () => {
    const p = await plan(`select id from keys where workspace_id = '${WS}' and start like 'acme\\_ab%' limit 50`);
    expect(p).toContain("keys_workspace_start_search_idx");
  });

  it("a prefix search of externalIds uses identities_workspace_external_search_idx (under C, the unique index serves as well)", async () => {
    const p = await plan(`select id from identities where workspace_id = '${WS}' and external_id like 'user\\_ab%' limit 50`);
    expect(p).toMatch(backend === "postgres" ? /identities_workspace_external_search_idx/ : /identities_workspace_external(_search)?_idx/);
  });

  it("the search finds what the prefix names, and only in its workspace", async () => {
    const [key] = await q(`select name, start from keys where workspace_id = '${WS}' order by id limit 1`);
    const prefix = String(key?.name).slice(0, 3).toLowerCase();
    const found = await q(`select workspace_id, name from keys where workspace_id = '${WS}' and lower(name) like '${prefix}%'`);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((r) => r.workspace_id === WS && String(r.name).toLowerCase().startsWith(prefix))).toBe(true);
  });

  it.each([
    ["actor_id = 'key_actor_3'", "audit_log_workspace_actor_time_idx"],
    ["resource_id = 'key_res_6'", "audit_log_workspace_resource_time_idx"],
    ["event = 'key.update'", "audit_log_workspace_event_time_idx"],
  ])("an audit page filtered by %s, newest first, uses %s without sorting", async (filter, index) => {
    const page = `select * from audit_log where workspace_id = '${WS}' and ${filter}`;
    const first = await plan(`${page} order by time desc, id desc limit 51`);
    expect(first).toContain(index);
    expect(first).not.toMatch(/\bSort\b/);
    // The next page starts after the (time, id) of the previous page's last row.
    const next = await plan(`${page} and (time, id) < (4000, 1000000) order by time desc, id desc limit 51`);
    expect(next).toContain(index);
    expect(next).not.toMatch(/\bSort\b/);
  });
});
