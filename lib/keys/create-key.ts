import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { findApi } from "@/db/queries/apis";
import { ApiError, invalidInput } from "@/lib/api/errors";
import { writeAudit } from "@/lib/audit/write-audit";
import type { RootAuth } from "@/lib/auth/root-key";
import { now } from "@/lib/clock";
import { ensureIdentity } from "@/lib/identities/ensure-identity";
import {
  creditsField,
  expiresField,
  externalIdField,
  metaField,
  nameField,
  permissionsField,
  prefixField,
  ratelimitsField,
  rolesField,
} from "@/lib/keys/key-fields";
import { mintKey } from "@/lib/keys/mint-key";

export const createKeyInput = z.strictObject({
  apiId: z.string().min(1).max(255),
  prefix: prefixField.optional(),
  name: nameField.optional(),
  byteLength: z.number().int().min(16).max(255).default(16),
  externalId: externalIdField.optional(),
  meta: metaField.optional(),
  roles: rolesField,
  permissions: permissionsField.optional(),
  expires: expiresField.optional(),
  credits: creditsField.optional(),
  ratelimits: ratelimitsField.optional(),
  enabled: z.boolean().default(true),
  // The SDK always sends recoverable:false; Keyport never stores a key in a decryptable form.
  recoverable: z
    .literal(false, { error: "Keyport stores keys as SHA-256 hashes only, so keys cannot be recoverable. Send recoverable: false or leave it out." })
    .optional(),
});

export async function createKey({ db, auth, input }: { db: Db; auth: RootAuth; input: z.infer<typeof createKeyInput> }) {
  // 404 before 403 for ids of another workspace: a missing API never reveals whether it exists elsewhere.
  const api = await findApi(db, auth.workspaceId, input.apiId);
  if (!api) throw new ApiError("unkey/data/api_not_found");
  auth.require("api.*.create_key", `api.${api.id}.create_key`);
  if (input.expires !== undefined && input.expires <= now()) {
    throw invalidInput("body.expires", "expires must be in the future.", "Send a unix timestamp in milliseconds after now, or leave it out.");
  }
  if (input.credits?.refill && input.credits.remaining === null) {
    throw invalidInput("body.credits.remaining", "A refill needs a number of remaining credits.", "Send credits.remaining as a number, or drop the refill.");
  }
  return db.transaction(async (tx) => {
    const identityId = input.externalId ? await ensureIdentity(tx, auth.workspaceId, input.externalId) : null;
    const credits = input.credits && input.credits.remaining !== null ? { remaining: input.credits.remaining, refill: input.credits.refill } : undefined;
    const { keyId, key } = await mintKey(tx, {
      workspaceId: auth.workspaceId,
      apiId: api.id,
      identityId,
      prefix: input.prefix,
      byteLength: input.byteLength,
      name: input.name,
      meta: input.meta,
      expires: input.expires,
      credits,
      ratelimits: input.ratelimits,
      enabled: input.enabled,
      permissions: input.permissions,
    });
    await writeAudit(tx, {
      workspaceId: auth.workspaceId,
      actor: auth.actor,
      event: "key.create",
      resourceId: keyId,
      meta: { apiId: api.id, identityId },
    });
    return { keyId, key };
  });
}
