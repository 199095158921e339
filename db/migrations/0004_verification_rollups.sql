CREATE TABLE "verification_rollups" (
	"workspace_id" text NOT NULL,
	"key_id" text NOT NULL,
	"identity_id" text,
	"api_id" text,
	"hour" bigint NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"valid" integer DEFAULT 0 NOT NULL,
	"rate_limited" integer DEFAULT 0 NOT NULL,
	"insufficient_permissions" integer DEFAULT 0 NOT NULL,
	"forbidden" integer DEFAULT 0 NOT NULL,
	"disabled" integer DEFAULT 0 NOT NULL,
	"expired" integer DEFAULT 0 NOT NULL,
	"usage_exceeded" integer DEFAULT 0 NOT NULL,
	"not_found" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "verification_rollups_key_hour_uq" UNIQUE NULLS NOT DISTINCT("workspace_id","key_id","hour","identity_id","api_id")
);
--> statement-breakpoint
CREATE INDEX "verification_rollups_identity_hour_idx" ON "verification_rollups" USING btree ("workspace_id","identity_id","hour");--> statement-breakpoint
CREATE INDEX "identities_workspace_created_idx" ON "identities" USING btree ("workspace_id","created_at","id");