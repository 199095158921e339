import "server-only";
import { type Db, getDb } from "@/db/client";
import { findRootKeyByHash, touchRootKeyLastUsed } from "@/db/queries/root-keys";
import { ApiError } from "@/lib/api/errors";
import type { Actor } from "@/lib/audit/write-audit";
import type { RequestContext } from "@/lib/api/route";
import { holdsAny } from "@/lib/auth/permissions";
import { cachedRootKey } from "@/lib/auth/root-key-cache";
import { bearerToken } from "@/lib/auth/bearer";
import { now } from "@/lib/clock";
import { sha256 } from "@/lib/crypto/secrets";

export type RootAuth = {
  kind: "root";
  workspaceId: string;
  rootKeyId: string;
  /** The root key, as the audit log names it. */
  actor: Actor;
  permissions: string[];
  /** Throws 403 insufficient_permissions naming the first permission unless one of `anyOf` is held. */
  require: (...anyOf: string[]) => void;
  has: (...anyOf: string[]) => boolean;
};

export function rootAuthFor(row: { id: string; workspaceId: string; permissions: string[] }): RootAuth {
  const has = (...anyOf: string[]) => holdsAny(row.permissions, anyOf);
  return {
    kind: "root",
    workspaceId: row.workspaceId,
    rootKeyId: row.id,
    actor: { type: "root_key", id: row.id },
    permissions: row.permissions,
    has,
    require: (...anyOf) => {
      if (!has(...anyOf)) {
        throw new ApiError(
          "unkey/authorization/insufficient_permissions",
          `This root key lacks the permission "${anyOf[0]}"${anyOf.length > 1 ? ` (or one of: ${anyOf.slice(1).join(", ")})` : ""}.`,
        );
      }
    },
  };
}

/** How fresh a root key's "last used" is (the console shows it to the minute). */
const LAST_USED_EVERY_MS = 60_000;

/**
 * Records a root key's use for the console's list (docs/console.md), off the request's path: only on a
 * cache miss (at most once a second per key and process), and only written when the stored time is a
 * minute old. A failure costs only that note, never the request.
 */
function noteUse(db: Db, row: { id: string; expiresAt: number | null; lastUsedAt: number | null }): void {
  const at = now();
  if ((row.expiresAt !== null && row.expiresAt <= at) || (row.lastUsedAt !== null && row.lastUsedAt > at - LAST_USED_EVERY_MS)) return;
  touchRootKeyLastUsed(db, row.id, at, LAST_USED_EVERY_MS).catch(() => {});
}

/** Authenticator for root-key endpoints: Bearer header, SHA-256 lookup (cached ≤ 1 s, lib/auth/root-key-cache.ts). */
export async function rootKeyAuth(rc: RequestContext): Promise<RootAuth> {
  const token = bearerToken(rc.req);
  if (token === undefined) throw new ApiError("unkey/authentication/missing");
  const row = await cachedRootKey(sha256(token), async (hash) => {
    const db = await getDb();
    const found = await findRootKeyByHash(db, hash);
    if (found) noteUse(db, found);
    return found;
  });
  if (!row || (row.expiresAt !== null && row.expiresAt <= now())) throw new ApiError("unkey/authentication/key_not_found");
  return rootAuthFor(row);
}
rootKeyAuth.scheme = "rootKey" as const;
