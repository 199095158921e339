import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { findIdentity, updateIdentityRow } from "@/db/queries/identities";
import type { identities } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write-audit";
import type { RootAuth } from "@/lib/auth/root-key";
import { now } from "@/lib/clock";
import { findIdentityOr404, identityRef } from "@/lib/identities/identity-fields";
import { metaField, ratelimitsField } from "@/lib/keys/key-fields";
import { toIdentityResponse } from "@/lib/identities/identity-response";
import { toStoredRatelimits } from "@/lib/keys/ratelimit-config";

export const updateIdentityInput = z.strictObject({
  identity: identityRef,
  meta: metaField.nullable().optional(),
  ratelimits: ratelimitsField.optional(),
});

/** Omitted = unchanged; `meta: null` clears; `ratelimits` replaces the whole set (names keep their ids). */
export async function updateIdentity({ db, auth, input }: { db: Db; auth: RootAuth; input: z.infer<typeof updateIdentityInput> }) {
  return db.transaction(async (tx) => {
    const row = await findIdentityOr404(tx, auth.workspaceId, input.identity);
    auth.require("identity.*.update_identity", `identity.${row.id}.update_identity`);
    const patch: Partial<typeof identities.$inferInsert> = { updatedAt: now() };
    if (input.meta !== undefined) patch.meta = input.meta;
    if (input.ratelimits !== undefined) patch.ratelimits = toStoredRatelimits(input.ratelimits, row.ratelimits);
    await updateIdentityRow(tx, auth.workspaceId, row.id, patch);
    await writeAudit(tx, { workspaceId: auth.workspaceId, actor: auth.actor, event: "identity.update", resourceId: row.id });
    const updated = await findIdentity(tx, auth.workspaceId, row.id);
    return toIdentityResponse(updated ?? row);
  });
}
