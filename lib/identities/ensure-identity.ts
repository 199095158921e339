import "server-only";
import type { Db, Tx } from "@/db/client";
import { insertOrGetIdentity } from "@/db/queries/identities";
import { now } from "@/lib/clock";
import { newId } from "@/lib/ids";

/** The identity id for this externalId, created when new. Race-safe: parallel callers get one identity. */
export async function ensureIdentity(tx: Db | Tx, workspaceId: string, externalId: string): Promise<string> {
  return insertOrGetIdentity(tx, { id: newId("id"), workspaceId, externalId, createdAt: now() });
}
