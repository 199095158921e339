import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { writeAudit } from "@/lib/audit/write-audit";
import { rerollKeyRow } from "@/lib/keys/reroll-key-row";
import { findOwnKeyOr404 } from "@/lib/portal-sessions/find-own-key";
import type { PortalSessionContext } from "@/lib/portal-sessions/session-context";
import { assertWritable, requireSessionPermission } from "@/lib/portal-sessions/session-permissions";

/** An end user may keep the old key alive for at most a day (docs/sessions.md). */
export const PORTAL_MAX_REROLL_EXPIRATION_MS = 24 * 60 * 60 * 1000;

export const portalRerollKeyInput = z.strictObject({
  keyId: z.string().min(1).max(255),
  expiration: z
    .number()
    .int()
    .min(0)
    .max(PORTAL_MAX_REROLL_EXPIRATION_MS, { error: "expiration must be at most 86400000 ms (24 hours) in the portal." }),
});

/**
 * portal.rerollKey: a new secret for one of the end user's own keys; the old one lives `expiration`
 * ms more. Of parallel rerolls of one key exactly one succeeds (rerollKeyRow locks the row).
 */
export async function rerollKey({ db, session, input }: { db: Db; session: PortalSessionContext; input: z.infer<typeof portalRerollKeyInput> }) {
  assertWritable(session);
  return db.transaction(async (tx) => {
    const { key, identity } = await findOwnKeyOr404(tx, session, input.keyId);
    requireSessionPermission(session, "reroll_key", key.apiId);
    const created = await rerollKeyRow(tx, { workspaceId: session.workspaceId, keyId: key.id, expiration: input.expiration, identityId: identity?.id ?? null });
    await writeAudit(tx, {
      workspaceId: session.workspaceId,
      actor: session.actor,
      event: "key.reroll",
      resourceId: key.id,
      meta: { newKeyId: created.keyId, expiration: input.expiration, portalId: session.portalId, sessionId: session.sessionId },
    });
    return created;
  });
}
