import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { deleteLiveKey } from "@/db/queries/keys";
import { ApiError } from "@/lib/api/errors";
import { writeAudit } from "@/lib/audit/write-audit";
import type { RootAuth } from "@/lib/auth/root-key";
import { now } from "@/lib/clock";
import { findKeyOr404 } from "@/lib/keys/find-key-or-404";

export const deleteKeyInput = z.strictObject({ keyId: z.string().min(1).max(255), permanent: z.boolean().default(false) });

/** Soft delete by default (the row stays for analytics and audit); `permanent` removes the row. */
export async function deleteKey({ db, auth, input }: { db: Db; auth: RootAuth; input: z.infer<typeof deleteKeyInput> }) {
  return db.transaction(async (tx) => {
    const { key } = await findKeyOr404(tx, auth, input.keyId, "delete_key");
    if (!(await deleteLiveKey(tx, auth.workspaceId, key.id, { permanent: input.permanent, at: now() }))) throw new ApiError("unkey/data/key_not_found");
    await writeAudit(tx, {
      workspaceId: auth.workspaceId,
      actor: auth.actor,
      event: "key.delete",
      resourceId: key.id,
      meta: { permanent: input.permanent },
    });
    return {};
  });
}
