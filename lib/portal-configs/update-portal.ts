import "server-only";
import type { Db } from "@/db/client";
import { setPortalConfigApis, updatePortalConfig } from "@/db/queries/portal-configs";
import { ApiError, isUniqueViolation } from "@/lib/api/errors";
import { type Actor, type AuditEvent, writeAudit } from "@/lib/audit/write-audit";
import { now } from "@/lib/clock";
import { checkApiIds } from "@/lib/portal-configs/check-api-ids";
import { forgetEmbedOrigins } from "@/lib/portal-configs/embed-origins-cache";
import type { UpdatePortalInput } from "@/lib/portal-configs/rules";
import { requirePortal } from "@/lib/portal-configs/require-portal";
import { loadPortalConfig } from "@/lib/portal-configs/to-portal-config";

/**
 * Changes any subset of a portal's settings; `null` clears an optional one. Disabling takes effect
 * at once: portal requests check the row on every call (docs/sessions.md). New embed origins apply
 * to this process's next page view and to other processes' within a second (embed-origins-cache.ts).
 */
export async function updatePortal({ db, input, actor, event = "portal.update" }: { db: Db; input: UpdatePortalInput; actor: Actor; event?: Extract<AuditEvent, "portal.update" | "portal.enable" | "portal.disable"> }) {
  const { workspaceId, portal, apiIds, ...fields } = input;
  try {
    const config = await db.transaction(async (tx) => {
      const current = await requirePortal(tx, workspaceId, portal);
      const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      const row = (await updatePortalConfig(tx, workspaceId, current.id, { ...set, updatedAt: now() })) ?? current;
      if (apiIds) await setPortalConfigApis(tx, current.id, await checkApiIds(tx, workspaceId, apiIds));
      await writeAudit(tx, { workspaceId, actor, event, resourceId: current.id, meta: { fields: Object.keys(set).concat(apiIds ? ["apiIds"] : []) } });
      return await loadPortalConfig(tx, row);
    });
    // After the commit: a read between the forget and the commit would cache the old list again.
    if (fields.embedOrigins) forgetEmbedOrigins(config.portalId);
    return config;
  } catch (err) {
    if (isUniqueViolation(err)) throw new ApiError("keyport/data/portal_slug_taken", `Workspace ${workspaceId} already has a portal with the slug "${fields.slug}".`);
    throw err;
  }
}
