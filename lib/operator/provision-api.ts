import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { insertApi } from "@/db/queries/apis";
import { type Actor, writeAudit } from "@/lib/audit/write-audit";
import { now } from "@/lib/clock";
import { newId } from "@/lib/ids";
import { requireWorkspace } from "@/lib/workspaces/require-workspace";

export const provisionApiInput = z.strictObject({
  workspaceId: z.string().min(1),
  name: z.string().trim().min(3).max(200),
  prefix: z.string().regex(/^[A-Za-z0-9_]{1,16}$/, "a prefix is 1–16 characters of A–Z, a–z, 0–9 and _").optional(),
});

/** Creates an API in a workspace on the operator's behalf (the root-key path is apis.createApi). */
export async function provisionApi({ db, input, actor }: { db: Db; input: z.infer<typeof provisionApiInput>; actor: Actor }) {
  return db.transaction(async (tx) => {
    await requireWorkspace(tx, input.workspaceId);
    const apiId = newId("api");
    await insertApi(tx, { id: apiId, workspaceId: input.workspaceId, name: input.name, prefix: input.prefix ?? null, createdAt: now() });
    await writeAudit(tx, { workspaceId: input.workspaceId, actor, event: "api.create", resourceId: apiId });
    return { apiId };
  });
}
