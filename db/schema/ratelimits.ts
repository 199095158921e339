import { index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { ms } from "./columns";

/**
 * Rate-limit counters for key verification (lib/verification/apply-ratelimits.ts): one row per
 * (subject, limit name, window start). Subject is a key id or an identity id. Rows of windows
 * older than the previous one are no longer read and are pruned in the events flush.
 */
export const ratelimitCounters = pgTable(
  "ratelimit_counters",
  {
    subject: text("subject").notNull(),
    name: text("name").notNull(),
    windowStart: ms("window_start").notNull(),
    count: integer("count").notNull(),
    /** When this row stops mattering (window end + one more window for the sliding estimate). */
    expiresAt: ms("expires_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.subject, t.name, t.windowStart] }), index("ratelimit_counters_expires_idx").on(t.expiresAt)],
);
