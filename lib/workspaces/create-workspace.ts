import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { insertWorkspace } from "@/db/queries/workspaces";
import { ApiError, isUniqueViolation } from "@/lib/api/errors";
import { type Actor, writeAudit } from "@/lib/audit/write-audit";
import { issueRootKey } from "@/lib/workspaces/issue-root-key";
import { now } from "@/lib/clock";
import { newId } from "@/lib/ids";
import { SLUG_RULE, slugSchema } from "@/lib/workspaces/slug";

export const createWorkspaceInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  slug: slugSchema.optional(),
});

/** Creates a workspace and its first root key, holding `*`. The key is returned once. */
export async function createWorkspace({ db, input, actor }: { db: Db; input: z.infer<typeof createWorkspaceInput>; actor: Actor }) {
  try {
    return await db.transaction(async (tx) => {
      const workspaceId = newId("ws");
      await insertWorkspace(tx, { id: workspaceId, name: input.name, slug: input.slug ?? null, createdAt: now() });
      const { keyId, rootKey } = await issueRootKey(tx, { workspaceId, permissions: ["*"], name: "default" });
      await writeAudit(tx, { workspaceId, actor, event: "workspace.create", resourceId: workspaceId });
      return { workspaceId, rootKey, keyId };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ApiError("keyport/data/workspace_slug_taken", `Another workspace already uses the slug "${input.slug}".`);
    throw err;
  }
}

export { SLUG_RULE };
