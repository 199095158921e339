import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { settings } from "@/db/schema";
import { now } from "@/lib/clock";

/**
 * Reads a setting, creating it with `make()` when absent. Insert-or-ignore then re-read, so when
 * several servers start together on one Postgres they all end up with the first writer's value.
 */
export async function getOrCreateSetting(db: Db, name: string, make: () => string): Promise<{ value: string; created: boolean }> {
  const candidate = make();
  const inserted = await db
    .insert(settings)
    .values({ name, value: candidate, createdAt: now() })
    .onConflictDoNothing()
    .returning({ value: settings.value });
  if (inserted[0]) return { value: inserted[0].value, created: true };
  const rows = await db.select({ value: settings.value }).from(settings).where(eq(settings.name, name)).limit(1);
  if (!rows[0]) throw new Error(`setting ${name} vanished`);
  return { value: rows[0].value, created: false };
}
