import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { hardDeleteKey, updateKeyRow } from "@/db/queries/keys";
import { writeAudit } from "@/lib/audit/write-audit";
import type { RootAuth } from "@/lib/auth/root-key";
import { now } from "@/lib/clock";
import { findKeyOr404 } from "@/lib/keys/find-key-or-404";

export const deleteKeyInput = z.strictObject({ keyId: z.string().min(1).max(255), permanent: z.boolean().default(false) });

/** Soft delete by default (the row stays for analytics and audit); `permanent` removes the row. */
export async function deleteKey({ db, auth, input }: { db: Db; auth: RootAuth; input: z.infer<typeof deleteKeyInput> }) {
  return db.transaction(async (tx) => {
    const { key } = await findKeyOr404(tx, auth, input.keyId, "delete_key");
    if (input.permanent) await hardDeleteKey(tx, auth.workspaceId, key.id);
    else await updateKeyRow(tx, auth.workspaceId, key.id, { deletedAt: now(), updatedAt: now() });
    await writeAudit(tx, {
      workspaceId: auth.workspaceId,
      actor: { type: "root_key", id: auth.rootKeyId },
      event: "key.delete",
      resourceId: key.id,
      meta: { permanent: input.permanent },
    });
    return {};
  });
}
