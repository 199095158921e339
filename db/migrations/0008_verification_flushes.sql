CREATE TABLE "verification_flushes" (
	"batch_id" text PRIMARY KEY NOT NULL,
	"time" bigint NOT NULL
);
