import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { deleteIdentityRow } from "@/db/queries/identities";
import { revokeAllSessionsOf } from "@/db/queries/portal-sessions";
import { writeAudit } from "@/lib/audit/write-audit";
import type { RootAuth } from "@/lib/auth/root-key";
import { now } from "@/lib/clock";
import { findIdentityOr404, identityRef } from "@/lib/identities/identity-fields";

export const deleteIdentityInput = z.strictObject({ identity: identityRef });

/**
 * Deletes the identity. Its keys keep verifying but belong to no one (identity_id → null by the
 * foreign key), so no portal shows them; its portal sessions end at once (docs/sessions.md).
 */
export async function deleteIdentity({ db, auth, input }: { db: Db; auth: RootAuth; input: z.infer<typeof deleteIdentityInput> }) {
  return db.transaction(async (tx) => {
    const row = await findIdentityOr404(tx, auth.workspaceId, input.identity);
    auth.require("identity.*.delete_identity", `identity.${row.id}.delete_identity`);
    await deleteIdentityRow(tx, auth.workspaceId, row.id);
    await revokeAllSessionsOf(tx, auth.workspaceId, row.externalId, now());
    await writeAudit(tx, {
      workspaceId: auth.workspaceId,
      actor: auth.actor,
      event: "identity.delete",
      resourceId: row.id,
      meta: { externalId: row.externalId },
    });
    return {};
  });
}
