import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { apis } from "./apis";
import { ms } from "./columns";
import { identities } from "./identities";
import { workspaces } from "./workspaces";

export type KeyRefill = { interval: "daily" | "monthly"; amount: number; refillDay?: number };
export type KeyRatelimit = { id: string; name: string; limit: number; duration: number; autoApply: boolean };

export const keys = pgTable(
  "keys",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    apiId: text("api_id")
      .notNull()
      .references(() => apis.id, { onDelete: "cascade" }),
    identityId: text("identity_id").references(() => identities.id, { onDelete: "set null" }),
    /** SHA-256 of the full key, base64. */
    hash: text("hash").notNull(),
    /** `prefix_` + the first 4 characters after it: what lists show. */
    start: text("start").notNull(),
    name: text("name"),
    meta: jsonb("meta").$type<Record<string, unknown>>(),
    permissions: jsonb("permissions").$type<string[]>().notNull().default([]),
    enabled: boolean("enabled").notNull().default(true),
    expiresAt: ms("expires_at"),
    creditsRemaining: integer("credits_remaining"),
    refill: jsonb("refill").$type<KeyRefill>(),
    lastRefillAt: ms("last_refill_at"),
    ratelimits: jsonb("ratelimits").$type<KeyRatelimit[]>().notNull().default([]),
    createdAt: ms("created_at").notNull(),
    updatedAt: ms("updated_at"),
    lastUsedAt: ms("last_used_at"),
    deletedAt: ms("deleted_at"),
    /** Set once when the key is rerolled: the id of its replacement. A replaced key cannot be rerolled again. */
    replacedBy: text("replaced_by"),
    /**
     * The id of the original key of a reroll chain, set on every key of the chain at its first
     * reroll (null: never rerolled, the key is its own lineage). The chain shares one credit balance
     * (held by its newest key, the one with no `replaced_by`), one set of rate-limit counters and
     * one place under the portal's key cap (docs/security.md "Rerolls never add spending power").
     */
    lineageId: text("lineage_id"),
    /** Random bytes in the secret, kept so a reroll issues a key of the same strength. */
    byteLength: integer("byte_length"),
  },
  (t) => [
    uniqueIndex("keys_hash_idx").on(t.hash),
    index("keys_api_created_idx").on(t.apiId, t.createdAt, t.id),
    index("keys_identity_idx").on(t.identityId, t.createdAt, t.id),
    index("keys_workspace_idx").on(t.workspaceId),
    // The console's key search (docs/console.md): prefix matches on the lower-cased name and on the
    // start, within a workspace. text_pattern_ops lets `LIKE 'abc%'` use the index under any collation.
    index("keys_workspace_name_search_idx").on(t.workspaceId, sql`lower(${t.name}) text_pattern_ops`),
    index("keys_workspace_start_search_idx").on(t.workspaceId, t.start.op("text_pattern_ops")),
    // A prefix of a key id (a pasted, cut-off `key_…`): the primary key serves only exact ids under a non-C collation.
    index("keys_workspace_id_search_idx").on(t.workspaceId, t.id.op("text_pattern_ops")),
    // One newest key per lineage: the row a key in grace spends its credits from.
    uniqueIndex("keys_lineage_head_idx").on(t.lineageId).where(sql`${t.replacedBy} is null`),
  ],
);
