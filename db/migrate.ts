import "server-only";
import path from "node:path";
import type { Db } from "@/db/client";

const MIGRATIONS = path.join(process.cwd(), "db", "migrations");
/** Arbitrary constant naming Keyport's migration lock among other users of the database. */
const MIGRATION_LOCK = 7_202_611;

export async function migratePglite(db: Db): Promise<void> {
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  await migrate(db as never, { migrationsFolder: MIGRATIONS });
}

/**
 * Several servers may start at once on one Postgres: migrations run on one dedicated
 * connection holding a session advisory lock, so exactly one applies them and the rest wait.
 */
export async function migratePostgres(url: string): Promise<void> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const client = postgres(url, {
    max: 1,
    connect_timeout: 5,
    onnotice: () => {},
  });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS, });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}
