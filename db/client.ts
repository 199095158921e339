import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "@/db/schema";
import { migratePglite, migratePostgres } from "@/db/migrate";
import { lockDataDir } from "@/db/data-dir-lock";
import { assertDriverGuarded } from "@/db/driver-guard";
import { env } from "@/lib/env";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle has the same query surface as the database. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export type DbHandle = {
  db: Db;
  kind: "pglite" | "postgres";
  /** Where the data lives, for the start banner (never includes a password). */
  label: string;
  close: () => Promise<void>;
};

export type OpenOptions = {
  /** postgres:// URL; absent → PGlite. */
  url?: string;
  /** PGlite folder, or "memory://" for an in-memory database. */
  dataDir?: string;
  /** Connections in the postgres.js pool. */
  poolSize?: number;
};

export async function openDatabase(options: OpenOptions): Promise<DbHandle> {
  if (options.url) {
    assertDriverGuarded();
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const client = postgres(options.url, {
      max: options.poolSize ?? 10,
      connect_timeout: 2,
      // postgres.js waits 3^n/100 s (up to 20 s) before reconnecting after failures, and requests
      // queued behind that wait hang: keep it short so an outage answers 503 at once (docs/api.md "Conventions").
      backoff: () => 0.05 + Math.random() * 0.1,
      idle_timeout: 30,
      onnotice: () => {},
    });
    await migratePostgres(options.url);
    const db = drizzle(client, { schema }) as unknown as Db;
    const u = new URL(options.url);
    return { db, kind: "postgres", label: `Postgres at ${u.host}${u.pathname}`, close: () => client.end({ timeout: 5 }) };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const dir = options.dataDir ?? "memory://";
  let release = () => {};
  if (!dir.startsWith("memory://")) {
    mkdirSync(dir, { recursive: true });
    release = lockDataDir(dir);
  }
  const client = new PGlite(dir.startsWith("memory://") ? dir : path.join(/*turbopackIgnore: true*/ dir, "pglite"));
  const db = drizzle(client, { schema }) as unknown as Db;
  await migratePglite(db);
  return {
    db,
    kind: "pglite",
    label: dir.startsWith("memory://") ? "PGlite in memory" : `PGlite in ${path.resolve(/*turbopackIgnore: true*/ dir)}`,
    close: async () => {
      await client.close();
      release();
    },
  };
}

/** One handle per process, on globalThis so route bundles and server components share it (docs/ARCHITECTURE.md "Shared state lives on `globalThis`"). */
const holder = globalThis as unknown as { __keyportDb?: Promise<DbHandle> };

export function dbHandle(): Promise<DbHandle> {
  holder.__keyportDb ??= openDatabase({ url: env().DATABASE_URL, dataDir: env().KEYPORT_DATA_DIR }).catch((err) => {
    holder.__keyportDb = undefined;
    throw err;
  });
  return holder.__keyportDb;
}

export async function getDb(): Promise<Db> {
  return (await dbHandle()).db;
}

/** Tests install their own handle (in-memory PGlite or a fresh Postgres schema). */
export function setDbHandle(handle: DbHandle | undefined): void {
  holder.__keyportDb = handle ? Promise.resolve(handle) : undefined;
}
