import { index, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { ms } from "./columns";
import { workspaces } from "./workspaces";

export const rootKeys = pgTable(
  "root_keys",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** SHA-256 of the secret, base64. The secret itself is never stored. */
    hash: text("hash").notNull(),
    start: text("start").notNull(),
    name: text("name"),
    permissions: jsonb("permissions").$type<string[]>().notNull(),
    createdAt: ms("created_at").notNull(),
    expiresAt: ms("expires_at"),
    /** When the key last authenticated a request, to the minute (lib/auth/root-key.ts); null: never. */
    lastUsedAt: ms("last_used_at"),
    deletedAt: ms("deleted_at"),
  },
  (t) => [uniqueIndex("root_keys_hash_idx").on(t.hash), index("root_keys_workspace_idx").on(t.workspaceId)],
);
