import { pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { ms } from "./columns";

export const workspaces = pgTable(
  "workspaces",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    slug: text("slug"),
    createdAt: ms("created_at").notNull(),
  },
  (t) => [uniqueIndex("workspaces_slug_idx").on(t.slug)],
);

/** Process-wide settings shared by every server on one database (operator token hash, session secret). */
export const settings = pgTable("settings", {
  name: text("name").primaryKey(),
  value: text("value").notNull(),
  createdAt: ms("created_at").notNull(),
});
