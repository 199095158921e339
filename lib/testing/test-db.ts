import postgres from "postgres";
import { type DbHandle, openDatabase, setDbHandle } from "@/db/client";

export type Backend = "pglite" | "postgres";

/** PGlite always; the local Postgres too when DATABASE_URL is set (docs/testing.md). */
export const BACKENDS: Backend[] = process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

/**
 * A fresh database for one test file: in-memory PGlite, or a new database on the Postgres server
 * of DATABASE_URL, dropped on close (drizzle-kit's SQL names the `public` schema, so a schema
 * per test would not isolate). Installed as the process's handle, so route handlers use it.
 */
export async function openTestDatabase(backend: Backend): Promise<DbHandle> {
  if (backend === "pglite") {
    const handle = await openDatabase({ dataDir: "memory://" });
    setDbHandle(handle);
    return handle;
  }
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  const name = `keyport_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const handle = await openDatabase({ url: testUrl.toString(), poolSize: 10 });
  setDbHandle(handle);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}
