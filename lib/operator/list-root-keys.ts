import "server-only";
import type { Db } from "@/db/client";
import { listRootKeys as listRootKeyRows } from "@/db/queries/root-keys";
import { requireWorkspace } from "@/lib/workspaces/require-workspace";

/** Live root keys of a workspace: ids, starts and permissions only — never a hash or secret. */
export async function listRootKeys({ db, workspaceId }: { db: Db; workspaceId: string }) {
  await requireWorkspace(db, workspaceId);
  const rows = await listRootKeyRows(db, workspaceId);
  return {
    rootKeys: rows.map((r) => ({
      keyId: r.id,
      start: r.start,
      name: r.name ?? undefined,
      permissions: r.permissions,
      createdAt: r.createdAt,
      lastUsedAt: r.lastUsedAt ?? undefined,
    })),
  };
}
