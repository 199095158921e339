CREATE TABLE "console_links" (
	"id" text PRIMARY KEY NOT NULL,
	"code_hash" text NOT NULL,
	"workspace_id" text,
	"expires_at" bigint NOT NULL,
	"used_at" bigint,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "console_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text,
	"token_hash" text NOT NULL,
	"created_at" bigint NOT NULL,
	"last_seen_at" bigint NOT NULL,
	"idle_expires_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"revoked_at" bigint
);
--> statement-breakpoint
ALTER TABLE "root_keys" ADD COLUMN "last_used_at" bigint;--> statement-breakpoint
ALTER TABLE "console_links" ADD CONSTRAINT "console_links_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "console_sessions" ADD CONSTRAINT "console_sessions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "console_links_code_idx" ON "console_links" USING btree ("code_hash");--> statement-breakpoint
CREATE INDEX "console_links_expires_idx" ON "console_links" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "console_sessions_token_idx" ON "console_sessions" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "console_sessions_workspace_idx" ON "console_sessions" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "identities_workspace_external_search_idx" ON "identities" USING btree ("workspace_id","external_id" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "keys_workspace_name_search_idx" ON "keys" USING btree ("workspace_id",lower("name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "keys_workspace_start_search_idx" ON "keys" USING btree ("workspace_id","start" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "audit_log_workspace_actor_time_idx" ON "audit_log" USING btree ("workspace_id","actor_id","time","id");--> statement-breakpoint
CREATE INDEX "audit_log_workspace_resource_time_idx" ON "audit_log" USING btree ("workspace_id","resource_id","time","id");--> statement-breakpoint
CREATE INDEX "audit_log_workspace_event_time_idx" ON "audit_log" USING btree ("workspace_id","event","time","id");