import { index, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import type { KeyRatelimit } from "./keys";
import { ms } from "./columns";
import { workspaces } from "./workspaces";

/** One end user of a workspace, named by the workspace's own `externalId`. */
export const identities = pgTable(
  "identities",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    externalId: text("external_id").notNull(),
    meta: jsonb("meta").$type<Record<string, unknown>>(),
    /** Rate limits shared by every key of this identity (Unkey's identity ratelimits). */
    ratelimits: jsonb("ratelimits").$type<KeyRatelimit[]>().notNull().default([]),
    createdAt: ms("created_at").notNull(),
    updatedAt: ms("updated_at"),
  },
  (t) => [
    uniqueIndex("identities_workspace_external_idx").on(t.workspaceId, t.externalId),
    // listIdentities pages by (created_at, id) within a workspace.
    index("identities_workspace_created_idx").on(t.workspaceId, t.createdAt, t.id),
    // The console's search by externalId prefix (docs/console.md); the unique index above serves equality only under non-C collations.
    index("identities_workspace_external_search_idx").on(t.workspaceId, t.externalId.op("text_pattern_ops")),
  ],
);
