import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { findApi, softDeleteApi } from "@/db/queries/apis";
import { unlinkApiFromPortals } from "@/db/queries/portal-configs";
import { ApiError } from "@/lib/api/errors";
import { writeAudit } from "@/lib/audit/write-audit";
import type { RootAuth } from "@/lib/auth/root-key";
import { now } from "@/lib/clock";

export const deleteApiInput = z.strictObject({ apiId: z.string().min(1).max(255) });

/**
 * apis.deleteApi: the API is soft-deleted, so its keys stop verifying at once (every lookup joins
 * on a live API), and it leaves every portal that covered it (docs/sessions.md).
 */
export async function deleteApi({ db, auth, input }: { db: Db; auth: RootAuth; input: z.infer<typeof deleteApiInput> }) {
  const api = await findApi(db, auth.workspaceId, input.apiId);
  if (!api) throw new ApiError("unkey/data/api_not_found");
  auth.require("api.*.delete_api", `api.${api.id}.delete_api`);
  return db.transaction(async (tx) => {
    await softDeleteApi(tx, auth.workspaceId, api.id, now());
    await unlinkApiFromPortals(tx, api.id);
    await writeAudit(tx, { workspaceId: auth.workspaceId, actor: auth.actor, event: "api.delete", resourceId: api.id });
    return {};
  });
}
