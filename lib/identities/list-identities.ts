import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { listIdentitiesPage } from "@/db/queries/identities";
import { Reply } from "@/lib/api/reply";
import type { RootAuth } from "@/lib/auth/root-key";
import { toIdentityResponse } from "@/lib/identities/identity-response";
import { decodeCursor, paginate } from "@/lib/api/page-cursor";

export const listIdentitiesInput = z.strictObject({
  limit: z.number().int().min(1).max(100).default(100),
  cursor: z.string().min(1).max(512).optional(),
  // Identities whose id or externalId contains it, case-insensitive; empty means no filter (docs/api.md).
  search: z.string().max(256).optional(),
});

export async function listIdentities({ db, auth, input }: { db: Db; auth: RootAuth; input: z.infer<typeof listIdentitiesInput> }) {
  auth.require("identity.*.read_identity");
  const rows = await listIdentitiesPage(db, { workspaceId: auth.workspaceId, after: decodeCursor(input.cursor), limit: input.limit, search: input.search });
  const { page, pagination } = paginate(rows, input.limit, (r) => ({ createdAt: r.createdAt, id: r.id }));
  return new Reply(page.map(toIdentityResponse), { pagination });
}
