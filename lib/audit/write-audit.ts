import "server-only";
import type { Db, Tx } from "@/db/client";
import { auditLog } from "@/db/schema";
import { now } from "@/lib/clock";

export type Actor = { type: "root_key" | "portal_user" | "operator"; id: string };

/** Writes one audit event; call it with the transaction of the change it records. */
export async function writeAudit(
  tx: Db | Tx,
  event: { workspaceId: string; actor: Actor; event: string; resourceId?: string; meta?: Record<string, unknown> },
): Promise<void> {
  await tx.insert(auditLog).values({
    time: now(),
    workspaceId: event.workspaceId,
    actorType: event.actor.type,
    actorId: event.actor.id,
    event: event.event,
    resourceId: event.resourceId,
    meta: event.meta,
  });
}
