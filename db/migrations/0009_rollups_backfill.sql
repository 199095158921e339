-- 0004 and 0005 created the hourly rollups empty, and the server fills them only for events it writes
-- afterwards: rebuild both from the raw events (never deleted), so hours before the upgrade count too.
-- Exact whether the rollups are empty (upgrading from before 0004) or partly filled; the lock holds off
-- a flush by a server still running the old version until this commits (docs/operations.md, Upgrades).
LOCK TABLE "verification_events", "verification_rollups", "verification_identity_rollups" IN SHARE ROW EXCLUSIVE MODE;--> statement-breakpoint
DELETE FROM "verification_rollups";--> statement-breakpoint
DELETE FROM "verification_identity_rollups";--> statement-breakpoint
INSERT INTO "verification_rollups" (workspace_id, key_id, hour, identity_id, api_id, total, valid, rate_limited, insufficient_permissions, forbidden, disabled, expired, usage_exceeded, not_found)
SELECT workspace_id, key_id, (time / 3600000) * 3600000, identity_id, api_id, count(*), count(*) filter (where outcome = 'VALID'), count(*) filter (where outcome = 'RATE_LIMITED'), count(*) filter (where outcome = 'INSUFFICIENT_PERMISSIONS'), count(*) filter (where outcome = 'FORBIDDEN'), count(*) filter (where outcome = 'DISABLED'), count(*) filter (where outcome = 'EXPIRED'), count(*) filter (where outcome = 'USAGE_EXCEEDED'), count(*) filter (where outcome = 'NOT_FOUND')
FROM "verification_events" WHERE key_id IS NOT NULL GROUP BY 1, 2, 3, 4, 5;--> statement-breakpoint
INSERT INTO "verification_identity_rollups" (workspace_id, identity_id, hour, api_id, total, valid, rate_limited, insufficient_permissions, forbidden, disabled, expired, usage_exceeded, not_found)
SELECT workspace_id, identity_id, (time / 3600000) * 3600000, api_id, count(*), count(*) filter (where outcome = 'VALID'), count(*) filter (where outcome = 'RATE_LIMITED'), count(*) filter (where outcome = 'INSUFFICIENT_PERMISSIONS'), count(*) filter (where outcome = 'FORBIDDEN'), count(*) filter (where outcome = 'DISABLED'), count(*) filter (where outcome = 'EXPIRED'), count(*) filter (where outcome = 'USAGE_EXCEEDED'), count(*) filter (where outcome = 'NOT_FOUND')
FROM "verification_events" WHERE identity_id IS NOT NULL GROUP BY 1, 2, 3, 4;
