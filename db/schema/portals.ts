import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { apis } from "./apis";
import { ms } from "./columns";
import { workspaces } from "./workspaces";

export type SessionPolicy = "fixed" | "sliding";

/** What a key created from the portal gets: prefix, byte length, credits, rate limits, default expiry. */
export type KeyTemplate = {
  prefix?: string;
  byteLength?: number;
  credits?: { remaining: number; refill?: { interval: "daily" | "monthly"; amount: number; refillDay?: number } };
  ratelimits?: { name: string; limit: number; duration: number; autoApply: boolean }[];
  defaultExpiryMs?: number;
};

export const portalConfigs = pgTable(
  "portal_configs",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    displayName: text("display_name").notNull(),
    logoUrl: text("logo_url"),
    primaryColor: text("primary_color"),
    returnUrl: text("return_url"),
    apiBaseUrl: text("api_base_url"),
    docsMarkdown: text("docs_markdown"),
    sessionPolicy: text("session_policy").$type<SessionPolicy>().notNull().default("fixed"),
    maxKeys: integer("max_keys").notNull().default(20),
    keyTemplate: jsonb("key_template").$type<KeyTemplate>().notNull().default({}),
    enabled: boolean("enabled").notNull().default(true),
    /** Whether end users see their keys' `meta` in the portal (docs/security.md "What the portal shows"). */
    showKeyMeta: boolean("show_key_meta").notNull().default(false),
    /** Origins allowed to frame the portal, normalised (docs/embedding.md); empty: nobody may. */
    embedOrigins: jsonb("embed_origins").$type<string[]>().notNull().default([]),
    createdAt: ms("created_at").notNull(),
    updatedAt: ms("updated_at"),
  },
  (t) => [uniqueIndex("portal_configs_workspace_slug_idx").on(t.workspaceId, t.slug)],
);

/** The APIs a portal covers. Deleting an API removes it from its portals. */
export const portalConfigApis = pgTable(
  "portal_config_apis",
  {
    portalId: text("portal_id")
      .notNull()
      .references(() => portalConfigs.id, { onDelete: "cascade" }),
    apiId: text("api_id")
      .notNull()
      .references(() => apis.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.portalId, t.apiId] }), index("portal_config_apis_api_idx").on(t.apiId)],
);
