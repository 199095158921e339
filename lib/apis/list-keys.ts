import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { findApi } from "@/db/queries/apis";
import { findIdentityByExternalId } from "@/db/queries/identities";
import { listKeysPage } from "@/db/queries/keys";
import { ApiError } from "@/lib/api/errors";
import { Reply } from "@/lib/api/reply";
import type { RootAuth } from "@/lib/auth/root-key";
import { decryptField } from "@/lib/keys/get-key";
import { toKeyResponse } from "@/lib/keys/key-response";
import { decodeCursor, paginate } from "@/lib/api/page-cursor";

export const listKeysInput = z.strictObject({
  apiId: z.string().min(1).max(255),
  limit: z.number().int().min(1).max(100).default(100),
  cursor: z.string().min(1).max(512).optional(),
  externalId: z.string().min(1).max(256).optional(),
  decrypt: decryptField,
  // Keyport has no key cache to revalidate; accepted for SDK compatibility.
  revalidateKeysCache: z.boolean().optional(),
});

/** apis.listKeys: live keys of one API in (createdAt, id) order, keyset-paginated. */
export async function listKeys({ db, auth, input }: { db: Db; auth: RootAuth; input: z.infer<typeof listKeysInput> }) {
  const after = decodeCursor(input.cursor);
  const api = await findApi(db, auth.workspaceId, input.apiId);
  if (!api) throw new ApiError("unkey/data/api_not_found");
  auth.require("api.*.read_key", `api.${api.id}.read_key`);
  auth.require("api.*.read_api", `api.${api.id}.read_api`);
  let identityId: string | undefined;
  if (input.externalId !== undefined) {
    const identity = await findIdentityByExternalId(db, auth.workspaceId, input.externalId);
    if (!identity) return new Reply([], { pagination: { hasMore: false } });
    identityId = identity.id;
  }
  const rows = await listKeysPage(db, { workspaceId: auth.workspaceId, apiId: api.id, identityId, after, limit: input.limit });
  const { page, pagination } = paginate(rows, input.limit, (r) => ({ createdAt: r.key.createdAt, id: r.key.id }));
  return new Reply(
    page.map((r) => toKeyResponse(r.key, r.identity)),
    { pagination },
  );
}
