import { index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { ms } from "./columns";
import { workspaces } from "./workspaces";

/**
 * A one-time console link (docs/console.md "Signing in"): minted by the operator, redeemed once by a
 * POST from the sign-in page. Only the SHA-256 of its code is stored. No workspace: it opens the
 * operator view; a workspace: that workspace's admin view only.
 */
export const consoleLinks = pgTable(
  "console_links",
  {
    id: text("id").primaryKey(),
    codeHash: text("code_hash").notNull(),
    workspaceId: text("workspace_id").references(() => workspaces.id, { onDelete: "cascade" }),
    expiresAt: ms("expires_at").notNull(),
    usedAt: ms("used_at"),
    createdAt: ms("created_at").notNull(),
  },
  (t) => [uniqueIndex("console_links_code_idx").on(t.codeHash), index("console_links_expires_idx").on(t.expiresAt)],
);

/**
 * A console session, read from its row on every request (revocation acts at once). Its token lives
 * only in the browser's sealed `console_session` cookie; the row keeps its SHA-256. Ends at the
 * earlier of `idle_expires_at` (moved forward by each visit) and `expires_at` (the cap).
 */
export const consoleSessions = pgTable(
  "console_sessions",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").references(() => workspaces.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    createdAt: ms("created_at").notNull(),
    lastSeenAt: ms("last_seen_at").notNull(),
    idleExpiresAt: ms("idle_expires_at").notNull(),
    expiresAt: ms("expires_at").notNull(),
    revokedAt: ms("revoked_at"),
  },
  (t) => [uniqueIndex("console_sessions_token_idx").on(t.tokenHash), index("console_sessions_workspace_idx").on(t.workspaceId)],
);
