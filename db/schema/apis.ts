import { index, pgTable, text } from "drizzle-orm/pg-core";
import { ms } from "./columns";
import { workspaces } from "./workspaces";

/** An API is a keyspace: keys with a default prefix and byte length. */
export const apis = pgTable(
  "apis",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    prefix: text("prefix"),
    createdAt: ms("created_at").notNull(),
    deletedAt: ms("deleted_at"),
  },
  (t) => [index("apis_workspace_idx").on(t.workspaceId)],
);
