import "server-only";
import type { Db, Tx } from "@/db/client";
import { insertRootKey } from "@/db/queries/root-keys";
import { now } from "@/lib/clock";
import { newSecret, secretStart, sha256 } from "@/lib/crypto/secrets";
import { newId } from "@/lib/ids";

/** Mints a root key (`unkey_` + 24 random bytes); only its hash and start are stored. */
export async function issueRootKey(tx: Db | Tx, params: { workspaceId: string; permissions: string[]; name?: string }) {
  const rootKey = newSecret("unkey", 24);
  const keyId = newId("key");
  await insertRootKey(tx, {
    id: keyId,
    workspaceId: params.workspaceId,
    hash: sha256(rootKey),
    start: secretStart(rootKey),
    name: params.name ?? null,
    permissions: params.permissions,
    createdAt: now(),
  });
  return { keyId, rootKey };
}
