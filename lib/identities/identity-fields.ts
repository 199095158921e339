import "server-only";
import { z } from "zod";
import type { Db, Tx } from "@/db/client";
import { findIdentity, type IdentityRow } from "@/db/queries/identities";
import { ApiError } from "@/lib/api/errors";

/** `identity` in get/update/delete: an `id_` id or an externalId. */
export const identityRef = z.string().min(1).max(256);

export async function findIdentityOr404(db: Db | Tx, workspaceId: string, ref: string): Promise<IdentityRow> {
  const row = await findIdentity(db, workspaceId, ref);
  if (!row) throw new ApiError("unkey/data/identity_not_found");
  return row;
}
