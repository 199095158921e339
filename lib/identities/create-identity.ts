import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { insertIdentity } from "@/db/queries/identities";
import { ApiError, isUniqueViolation } from "@/lib/api/errors";
import { writeAudit } from "@/lib/audit/write-audit";
import type { RootAuth } from "@/lib/auth/root-key";
import { now } from "@/lib/clock";
import { newId } from "@/lib/ids";
import { externalIdField, metaField, ratelimitsField } from "@/lib/keys/key-fields";
import { toStoredRatelimits } from "@/lib/keys/ratelimit-config";

// Unkey's document leaves this body open: unknown fields are dropped, not refused (docs/api.md "Conventions").
export const createIdentityInput = z.object({
  externalId: externalIdField,
  meta: metaField.optional(),
  ratelimits: ratelimitsField.optional(),
});

export async function createIdentity({ db, auth, input }: { db: Db; auth: RootAuth; input: z.infer<typeof createIdentityInput> }) {
  auth.require("identity.*.create_identity");
  try {
    return await db.transaction(async (tx) => {
      const identityId = newId("id");
      await insertIdentity(tx, {
        id: identityId,
        workspaceId: auth.workspaceId,
        externalId: input.externalId,
        meta: input.meta ?? null,
        ratelimits: toStoredRatelimits(input.ratelimits ?? []),
        createdAt: now(),
      });
      await writeAudit(tx, { workspaceId: auth.workspaceId, actor: auth.actor, event: "identity.create", resourceId: identityId });
      return { identityId };
    });
  } catch (err) {
    // The unique index on (workspace, externalId) decides races: exactly one create wins.
    if (isUniqueViolation(err)) throw new ApiError("unkey/data/identity_already_exists");
    throw err;
  }
}
