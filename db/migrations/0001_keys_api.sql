CREATE TABLE "ratelimit_counters" (
	"subject" text NOT NULL,
	"name" text NOT NULL,
	"window_start" bigint NOT NULL,
	"count" integer NOT NULL,
	"expires_at" bigint NOT NULL,
	CONSTRAINT "ratelimit_counters_subject_name_window_start_pk" PRIMARY KEY("subject","name","window_start")
);
--> statement-breakpoint
ALTER TABLE "identities" ADD COLUMN "ratelimits" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "keys" ADD COLUMN "replaced_by" text;--> statement-breakpoint
CREATE INDEX "ratelimit_counters_expires_idx" ON "ratelimit_counters" USING btree ("expires_at");