import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { type Actor, writeAudit } from "@/lib/audit/write-audit";
import { PERMISSION_PATTERN } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/workspaces/require-workspace";
import { issueRootKey } from "@/lib/workspaces/issue-root-key";

export const createRootKeyInput = z.strictObject({
  workspaceId: z.string().min(1),
  name: z.string().trim().min(1).max(200).optional(),
  permissions: z
    .array(
      z.string().regex(PERMISSION_PATTERN, "a permission is `*` or dot-separated segments such as api.*.create_key or portal.*.create_portal_session"),
    )
    .min(1)
    .max(100)
    .default(["*"]),
});

/** Issues another root key for a workspace; the secret is returned once. */
export async function createRootKey({ db, input, actor }: { db: Db; input: z.infer<typeof createRootKeyInput>; actor: Actor }) {
  return db.transaction(async (tx) => {
    await requireWorkspace(tx, input.workspaceId);
    const permissions = [...new Set(input.permissions)];
    const { keyId, rootKey } = await issueRootKey(tx, { workspaceId: input.workspaceId, permissions, name: input.name });
    await writeAudit(tx, { workspaceId: input.workspaceId, actor, event: "root_key.create", resourceId: keyId, meta: { permissions } });
    return { keyId, rootKey, permissions };
  });
}
