import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { insertApi } from "@/db/queries/apis";
import { writeAudit } from "@/lib/audit/write-audit";
import type { RootAuth } from "@/lib/auth/root-key";
import { now } from "@/lib/clock";
import { newId } from "@/lib/ids";

export const createApiInput = z.strictObject({
  // Unkey's document: 3–256 characters, free text (not a slug).
  name: z.string().trim().min(3).max(256),
});

export async function createApi({ db, auth, input }: { db: Db; auth: RootAuth; input: z.infer<typeof createApiInput> }) {
  auth.require("api.*.create_api");
  return db.transaction(async (tx) => {
    const apiId = newId("api");
    await insertApi(tx, { id: apiId, workspaceId: auth.workspaceId, name: input.name, createdAt: now() });
    await writeAudit(tx, { workspaceId: auth.workspaceId, actor: auth.actor, event: "api.create", resourceId: apiId });
    return { apiId };
  });
}
