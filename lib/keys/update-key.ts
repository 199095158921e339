import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { updateKeyRow } from "@/db/queries/keys";
import type { keys } from "@/db/schema";
import { invalidInput } from "@/lib/api/errors";
import { writeAudit } from "@/lib/audit/write-audit";
import type { RootAuth } from "@/lib/auth/root-key";
import { now } from "@/lib/clock";
import { ensureIdentity } from "@/lib/identities/ensure-identity";
import { findKeyOr404 } from "@/lib/keys/find-key-or-404";
import { refuseCreditsOfRolledKey } from "@/lib/keys/rolled-key-credits";
import { expiresField, externalIdField, metaField, nameField, permissionsField, ratelimitsField, refillField, rolesField } from "@/lib/keys/key-fields";
import { toStoredRatelimits } from "@/lib/keys/ratelimit-config";

/** Omitted = unchanged, null = cleared (Unkey's updateKey semantics). */
export const updateKeyInput = z.strictObject({
  keyId: z.string().min(1).max(255),
  name: nameField.nullable().optional(),
  externalId: externalIdField.nullable().optional(),
  meta: metaField.nullable().optional(),
  expires: expiresField.nullable().optional(),
  credits: z
    .strictObject({
      remaining: z.number().int().min(0).max(2_147_483_647).nullable().optional(),
      refill: refillField.nullable().optional(),
    })
    .nullable()
    .optional(),
  ratelimits: ratelimitsField.optional(),
  enabled: z.boolean().optional(),
  roles: rolesField,
  permissions: permissionsField.optional(),
});

export async function updateKey({ db, auth, input }: { db: Db; auth: RootAuth; input: z.infer<typeof updateKeyInput> }) {
  return db.transaction(async (tx) => {
    const { key } = await findKeyOr404(tx, auth, input.keyId, "update_key");
    const at = now();
    const patch: Partial<typeof keys.$inferInsert> = { updatedAt: at };
    if (input.name !== undefined) patch.name = input.name;
    if (input.meta !== undefined) patch.meta = input.meta;
    if (input.expires !== undefined) patch.expiresAt = input.expires;
    if (input.enabled !== undefined) patch.enabled = input.enabled;
    if (input.permissions !== undefined) patch.permissions = input.permissions;
    if (input.ratelimits !== undefined) patch.ratelimits = toStoredRatelimits(input.ratelimits, key.ratelimits);
    if (input.externalId !== undefined) {
      patch.identityId = input.externalId === null ? null : await ensureIdentity(tx, auth.workspaceId, input.externalId);
    }
    if (input.credits !== undefined) refuseCreditsOfRolledKey(key);
    if (input.credits === null) {
      patch.creditsRemaining = null;
      patch.refill = null;
    } else if (input.credits) {
      if (input.credits.remaining !== undefined) patch.creditsRemaining = input.credits.remaining;
      if (input.credits.refill !== undefined) {
        patch.refill = input.credits.refill;
        patch.lastRefillAt = input.credits.refill ? at : null;
      }
      const remaining = input.credits.remaining !== undefined ? input.credits.remaining : key.creditsRemaining;
      const refill = input.credits.refill !== undefined ? input.credits.refill : key.refill;
      if (refill && remaining === null) {
        throw invalidInput("body.credits.refill", "A refill needs a number of remaining credits.", "Send credits.remaining as a number together with the refill.");
      }
    }
    await updateKeyRow(tx, auth.workspaceId, key.id, patch);
    await writeAudit(tx, {
      workspaceId: auth.workspaceId,
      actor: auth.actor,
      event: "key.update",
      resourceId: key.id,
      meta: { fields: Object.keys(input).filter((k) => k !== "keyId") },
    });
    return {};
  });
}
