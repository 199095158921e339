import "server-only";
import type { Db, Tx } from "@/db/client";
import { auditLog } from "@/db/schema";
import { now } from "@/lib/clock";

/** Who can act: a root key (`key_…`), a portal's end user (externalId), the operator, or a console session (`cs_…`). */
export const ACTOR_TYPES = ["root_key", "portal_user", "operator", "console"] as const;

/**
 * Who acts. `requestId` is the API request that acted, when there is one: route() puts it on the
 * actor of every authenticated request (lib/api/route.ts).
 */
export type Actor = { type: (typeof ACTOR_TYPES)[number]; id: string; requestId?: string };

/**
 * The meta key that carries the request id in a stored event. toAuditEvent lifts it out again, so
 * readers see `requestId` beside `meta`, never inside it.
 */
export const REQUEST_ID_META_KEY = "requestId";

/** Every action the audit log records, `<resource>.<verb>`. */
export const AUDIT_EVENTS = [
  "workspace.create",
  "root_key.create",
  "root_key.revoke",
  "api.create",
  "api.delete",
  "key.create",
  "key.update",
  "key.update_credits",
  "key.reroll",
  "key.delete",
  "identity.create",
  "identity.update",
  "identity.delete",
  "portal.create",
  "portal.update",
  "portal.enable",
  "portal.disable",
  "portal.delete",
  "portal.session.create",
  "portal.session.exchange",
  "portal.session.revoke",
  "console.link.create",
  "console.session.create",
  "console.session.revoke",
] as const;
export type AuditEvent = (typeof AUDIT_EVENTS)[number];

/** Writes one audit event; call it with the transaction of the change it records. */
export async function writeAudit(
  tx: Db | Tx,
  event: { workspaceId: string; actor: Actor; event: AuditEvent; resourceId?: string; meta?: Record<string, unknown> },
): Promise<void> {
  const { requestId } = event.actor;
  await tx.insert(auditLog).values({
    time: now(),
    workspaceId: event.workspaceId,
    actorType: event.actor.type,
    actorId: event.actor.id,
    event: event.event,
    resourceId: event.resourceId,
    meta: requestId ? { ...event.meta, [REQUEST_ID_META_KEY]: requestId } : event.meta,
  });
}
