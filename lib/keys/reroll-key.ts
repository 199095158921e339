import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { writeAudit } from "@/lib/audit/write-audit";
import type { RootAuth } from "@/lib/auth/root-key";
import { findKeyOr404 } from "@/lib/keys/find-key-or-404";
import { MAX_REROLL_EXPIRATION_MS, rerollKeyRow } from "@/lib/keys/reroll-key-row";

// Unkey's document leaves this body open: unknown fields are dropped, not refused (docs/api.md "Conventions").
export const rerollKeyInput = z.object({
  keyId: z.string().min(1).max(255),
  expiration: z.number().int().min(0).max(MAX_REROLL_EXPIRATION_MS),
});

/** keys.rerollKey: a new key with the same configuration; the old one lives `expiration` ms more. */
export async function rerollKey({ db, auth, input }: { db: Db; auth: RootAuth; input: z.infer<typeof rerollKeyInput> }) {
  return db.transaction(async (tx) => {
    await findKeyOr404(tx, auth, input.keyId, "create_key");
    const created = await rerollKeyRow(tx, { workspaceId: auth.workspaceId, keyId: input.keyId, expiration: input.expiration });
    await writeAudit(tx, {
      workspaceId: auth.workspaceId,
      actor: auth.actor,
      event: "key.reroll",
      resourceId: input.keyId,
      meta: { newKeyId: created.keyId, expiration: input.expiration },
    });
    return created;
  });
}
