import { bigserial, index, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { ms } from "./columns";

export type VerificationOutcome =
  | "VALID"
  | "NOT_FOUND"
  | "DISABLED"
  | "EXPIRED"
  | "USAGE_EXCEEDED"
  | "RATE_LIMITED"
  | "INSUFFICIENT_PERMISSIONS"
  | "FORBIDDEN";

/** One row per verification, written in batches off the response path. */
export const verificationEvents = pgTable(
  "verification_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    time: ms("time").notNull(),
    workspaceId: text("workspace_id").notNull(),
    apiId: text("api_id"),
    keyId: text("key_id"),
    identityId: text("identity_id"),
    outcome: text("outcome").$type<VerificationOutcome>().notNull(),
  },
  (t) => [
    index("verification_events_key_time_idx").on(t.workspaceId, t.keyId, t.time),
    index("verification_events_identity_time_idx").on(t.workspaceId, t.identityId, t.time),
  ],
);

/**
 * One row per flushed batch of verification events, written by the same statement as the events: a
 * batch retried after a lost acknowledgement (the database committed, the answer never arrived) finds
 * its id here and inserts nothing, so events and rollups are counted exactly once. Pruned after a day.
 */
export const verificationFlushes = pgTable("verification_flushes", {
  batchId: text("batch_id").primaryKey(),
  time: ms("time").notNull(),
});

/** Every mutation writes one row here in the same transaction as the change. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    time: ms("time").notNull(),
    workspaceId: text("workspace_id").notNull(),
    /** `root_key`, `portal_user` (externalId), `operator`, or `console` (a console session, `cs_…`). */
    actorType: text("actor_type").notNull(),
    actorId: text("actor_id").notNull(),
    event: text("event").notNull(),
    resourceId: text("resource_id"),
    meta: jsonb("meta").$type<Record<string, unknown>>(),
  },
  (t) => [
    index("audit_log_workspace_time_idx").on(t.workspaceId, t.time),
    // The console's filtered audit pages (by actor, by resource, by action), newest first, keyset-paged on (time, id).
    index("audit_log_workspace_actor_time_idx").on(t.workspaceId, t.actorId, t.time, t.id),
    index("audit_log_workspace_resource_time_idx").on(t.workspaceId, t.resourceId, t.time, t.id),
    index("audit_log_workspace_event_time_idx").on(t.workspaceId, t.event, t.time, t.id),
  ],
);
