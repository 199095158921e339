import "server-only";
import { sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { KEY_COUNT_CAP } from "@/db/queries/apis";
import { apis, identities, keys, portalConfigs, rootKeys } from "@/db/schema";

/**
 * What a workspace holds, for the console's overview, in one round trip. Keys and end users are
 * counted up to KEY_COUNT_CAP + 1 (a workspace of a million keys answers at once).
 */
export async function countWorkspace(db: Db | Tx, workspaceId: string) {
  const capped = (from: ReturnType<typeof sql>) => sql<number>`(select count(*)::int from (select 1 from ${from} limit ${KEY_COUNT_CAP + 1}) as capped)`;
  const result = await db.execute(sql`select
    (select count(*)::int from ${apis} where ${apis.workspaceId} = ${workspaceId} and ${apis.deletedAt} is null) as apis,
    (select count(*)::int from ${portalConfigs} where ${portalConfigs.workspaceId} = ${workspaceId}) as portals,
    (select count(*)::int from ${rootKeys} where ${rootKeys.workspaceId} = ${workspaceId} and ${rootKeys.deletedAt} is null) as "rootKeys",
    ${capped(sql`${keys} where ${keys.workspaceId} = ${workspaceId} and ${keys.deletedAt} is null`)} as keys,
    ${capped(sql`${identities} where ${identities.workspaceId} = ${workspaceId}`)} as identities`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, unknown>[];
  const row = rows[0] ?? {};
  return { apis: Number(row.apis), portals: Number(row.portals), rootKeys: Number(row.rootKeys), keys: Number(row.keys), identities: Number(row.identities) };
}
