CREATE TABLE "verification_identity_rollups" (
	"workspace_id" text NOT NULL,
	"identity_id" text NOT NULL,
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
	CONSTRAINT "verification_identity_rollups_hour_uq" UNIQUE NULLS NOT DISTINCT("workspace_id","identity_id","hour","api_id")
);
--> statement-breakpoint
DROP INDEX "verification_rollups_identity_hour_idx";