import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { ms } from "./columns";
import { portalConfigs } from "./portals";
import { workspaces } from "./workspaces";

/**
 * A portal session: minted by a root key for one externalId. The one-time code and the
 * access token are stored as SHA-256 only; the `ps_` id is not a secret and redeems nothing.
 */
export const portalSessions = pgTable(
  "portal_sessions",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    portalId: text("portal_id")
      .notNull()
      .references(() => portalConfigs.id, { onDelete: "cascade" }),
    externalId: text("external_id").notNull(),
    /** Normalised permission strings `api.<apiId|*>.<action>`. */
    permissions: jsonb("permissions").$type<string[]>().notNull(),
    returnUrl: text("return_url"),
    preview: boolean("preview").notNull().default(false),
    /** How the portal presents itself to this session (docs/sessions.md "Locale, theme and intent"). */
    locale: text("locale"),
    theme: text("theme").$type<"light" | "dark" | "system">().notNull().default("system"),
    intent: text("intent").$type<"keys" | "create_key" | "usage" | "docs">().notNull().default("keys"),
    createdBy: text("created_by").notNull(),
    codeHash: text("code_hash").notNull(),
    codeExpiresAt: ms("code_expires_at").notNull(),
    tokenHash: text("token_hash"),
    exchangedAt: ms("exchanged_at"),
    /** Hard end of the session (fixed: exchange + 24 h; sliding: exchange + 7 d). */
    expiresAt: ms("expires_at"),
    /** Sliding policy only: lastSeenAt + 24 h, moved forward on each request. */
    idleExpiresAt: ms("idle_expires_at"),
    lastSeenAt: ms("last_seen_at"),
    revokedAt: ms("revoked_at"),
    createdAt: ms("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("portal_sessions_code_idx").on(t.codeHash),
    uniqueIndex("portal_sessions_token_idx").on(t.tokenHash),
    index("portal_sessions_workspace_external_idx").on(t.workspaceId, t.externalId),
  ],
);

/**
 * Failed code redemptions per client address and minute window (docs/sessions.md "Exchange"). Kept in the
 * database, not in memory, so every server process on one database enforces the same limit.
 */
export const portalExchangeFailures = pgTable(
  "portal_exchange_failures",
  {
    address: text("address").notNull(),
    /** Start of the one-minute window, unix ms. */
    windowStart: ms("window_start").notNull(),
    failures: integer("failures").notNull(),
  },
  (t) => [primaryKey({ columns: [t.address, t.windowStart] }), index("portal_exchange_failures_window_idx").on(t.windowStart)],
);
