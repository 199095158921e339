import "server-only";
import type { Db } from "@/db/client";
import { findPortalConfig, insertPortalConfig, setPortalConfigApis } from "@/db/queries/portal-configs";
import { ApiError, isUniqueViolation } from "@/lib/api/errors";
import { type Actor, writeAudit } from "@/lib/audit/write-audit";
import { now } from "@/lib/clock";
import { newId } from "@/lib/ids";
import { checkApiIds } from "@/lib/portal-configs/check-api-ids";
import type { CreatePortalInput } from "@/lib/portal-configs/rules";
import { requireWorkspace } from "@/lib/workspaces/require-workspace";
import { loadPortalConfig } from "@/lib/portal-configs/to-portal-config";

/** Provisions a portal configuration; unique on (workspace, slug) → 409 on a duplicate. */
export async function createPortal({ db, input, actor }: { db: Db; input: CreatePortalInput; actor: Actor }) {
  try {
    return await db.transaction(async (tx) => {
      const ws = await requireWorkspace(tx, input.workspaceId);
      const apiIds = await checkApiIds(tx, ws.id, input.apiIds);
      const portalId = newId("pc");
      await insertPortalConfig(tx, {
        id: portalId,
        workspaceId: ws.id,
        slug: input.slug,
        displayName: input.displayName ?? ws.name,
        logoUrl: input.logoUrl,
        primaryColor: input.primaryColor,
        returnUrl: input.returnUrl,
        apiBaseUrl: input.apiBaseUrl,
        docsMarkdown: input.docsMarkdown,
        sessionPolicy: input.sessionPolicy,
        maxKeys: input.maxKeys,
        keyTemplate: input.keyTemplate,
        enabled: input.enabled,
        showKeyMeta: input.showKeyMeta,
        embedOrigins: input.embedOrigins,
        createdAt: now(),
      });
      await setPortalConfigApis(tx, portalId, apiIds);
      await writeAudit(tx, { workspaceId: ws.id, actor, event: "portal.create", resourceId: portalId, meta: { slug: input.slug } });
      const row = await findPortalConfig(tx, ws.id, portalId);
      if (!row) throw new Error("portal vanished inside its own transaction");
      return await loadPortalConfig(tx, row);
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new ApiError("keyport/data/portal_slug_taken", `Workspace ${input.workspaceId} already has a portal with the slug "${input.slug}".`);
    }
    throw err;
  }
}
