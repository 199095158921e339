import "server-only";
import type { Db } from "@/db/client";
import { lineageHead } from "@/db/queries/console-keys";
import { findApi } from "@/db/queries/apis";
import { findKey, type IdentityRow, type KeyRow } from "@/db/queries/keys";
import { now } from "@/lib/clock";
import { type ConsoleKeyStatus, consoleKeyStatus } from "@/lib/console/key-status";

export type ConsoleKeyDetail = {
  key: KeyRow;
  identity: IdentityRow | null;
  api: { id: string; name: string; prefix: string | null };
  status: ConsoleKeyStatus;
  /**
   * Where the key's credits are: its own row, or (a rolled key) the newest key of its lineage, which
   * the whole lineage spends from (docs/security.md "Rerolls never add spending power").
   */
  credits: { heldBy: string; remaining: number | null; refill: KeyRow["refill"] };
};

/** A live key of this workspace with what its console page shows, or undefined (404). */
export async function consoleKeyDetail(db: Db, workspaceId: string, keyId: string): Promise<ConsoleKeyDetail | undefined> {
  const found = await findKey(db, workspaceId, keyId);
  if (!found) return undefined;
  const { key, identity } = found;
  const [api, head] = await Promise.all([
    findApi(db, workspaceId, key.apiId),
    key.replacedBy !== null && key.lineageId !== null ? lineageHead(db, workspaceId, key.lineageId) : Promise.resolve(undefined),
  ]);
  if (!api) return undefined;
  const holder = head ?? key;
  return {
    key,
    identity,
    api: { id: api.id, name: api.name, prefix: api.prefix },
    status: consoleKeyStatus(key, now()),
    credits: { heldBy: holder.id, remaining: holder.creditsRemaining, refill: holder.refill },
  };
}
