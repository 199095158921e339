CREATE TABLE "portal_exchange_failures" (
	"address" text NOT NULL,
	"window_start" bigint NOT NULL,
	"failures" integer NOT NULL,
	CONSTRAINT "portal_exchange_failures_address_window_start_pk" PRIMARY KEY("address","window_start")
);
--> statement-breakpoint
CREATE INDEX "portal_exchange_failures_window_idx" ON "portal_exchange_failures" USING btree ("window_start");