CREATE TABLE "settings" (
	"name" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workspaces" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"slug" text,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "root_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"hash" text NOT NULL,
	"start" text NOT NULL,
	"name" text,
	"permissions" jsonb NOT NULL,
	"created_at" bigint NOT NULL,
	"expires_at" bigint,
	"deleted_at" bigint
);
--> statement-breakpoint
CREATE TABLE "apis" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"name" text NOT NULL,
	"prefix" text,
	"created_at" bigint NOT NULL,
	"deleted_at" bigint
);
--> statement-breakpoint
CREATE TABLE "identities" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"external_id" text NOT NULL,
	"meta" jsonb,
	"created_at" bigint NOT NULL,
	"updated_at" bigint
);
--> statement-breakpoint
CREATE TABLE "keys" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"api_id" text NOT NULL,
	"identity_id" text,
	"hash" text NOT NULL,
	"start" text NOT NULL,
	"name" text,
	"meta" jsonb,
	"permissions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"expires_at" bigint,
	"credits_remaining" integer,
	"refill" jsonb,
	"last_refill_at" bigint,
	"ratelimits" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint,
	"last_used_at" bigint,
	"deleted_at" bigint
);
--> statement-breakpoint
CREATE TABLE "portal_config_apis" (
	"portal_id" text NOT NULL,
	"api_id" text NOT NULL,
	CONSTRAINT "portal_config_apis_portal_id_api_id_pk" PRIMARY KEY("portal_id","api_id")
);
--> statement-breakpoint
CREATE TABLE "portal_configs" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"slug" text NOT NULL,
	"display_name" text NOT NULL,
	"logo_url" text,
	"primary_color" text,
	"return_url" text,
	"api_base_url" text,
	"docs_markdown" text,
	"session_policy" text DEFAULT 'fixed' NOT NULL,
	"max_keys" integer DEFAULT 20 NOT NULL,
	"key_template" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint
);
--> statement-breakpoint
CREATE TABLE "portal_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"portal_id" text NOT NULL,
	"external_id" text NOT NULL,
	"permissions" jsonb NOT NULL,
	"return_url" text,
	"preview" boolean DEFAULT false NOT NULL,
	"created_by" text NOT NULL,
	"code_hash" text NOT NULL,
	"code_expires_at" bigint NOT NULL,
	"token_hash" text,
	"exchanged_at" bigint,
	"expires_at" bigint,
	"idle_expires_at" bigint,
	"last_seen_at" bigint,
	"revoked_at" bigint,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"time" bigint NOT NULL,
	"workspace_id" text NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text NOT NULL,
	"event" text NOT NULL,
	"resource_id" text,
	"meta" jsonb
);
--> statement-breakpoint
CREATE TABLE "verification_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"time" bigint NOT NULL,
	"workspace_id" text NOT NULL,
	"api_id" text,
	"key_id" text,
	"identity_id" text,
	"outcome" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "root_keys" ADD CONSTRAINT "root_keys_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "apis" ADD CONSTRAINT "apis_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identities" ADD CONSTRAINT "identities_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "keys" ADD CONSTRAINT "keys_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "keys" ADD CONSTRAINT "keys_api_id_apis_id_fk" FOREIGN KEY ("api_id") REFERENCES "public"."apis"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "keys" ADD CONSTRAINT "keys_identity_id_identities_id_fk" FOREIGN KEY ("identity_id") REFERENCES "public"."identities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_config_apis" ADD CONSTRAINT "portal_config_apis_portal_id_portal_configs_id_fk" FOREIGN KEY ("portal_id") REFERENCES "public"."portal_configs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_config_apis" ADD CONSTRAINT "portal_config_apis_api_id_apis_id_fk" FOREIGN KEY ("api_id") REFERENCES "public"."apis"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_configs" ADD CONSTRAINT "portal_configs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_sessions" ADD CONSTRAINT "portal_sessions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_sessions" ADD CONSTRAINT "portal_sessions_portal_id_portal_configs_id_fk" FOREIGN KEY ("portal_id") REFERENCES "public"."portal_configs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "workspaces_slug_idx" ON "workspaces" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "root_keys_hash_idx" ON "root_keys" USING btree ("hash");--> statement-breakpoint
CREATE INDEX "root_keys_workspace_idx" ON "root_keys" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "apis_workspace_idx" ON "apis" USING btree ("workspace_id");--> statement-breakpoint
CREATE UNIQUE INDEX "identities_workspace_external_idx" ON "identities" USING btree ("workspace_id","external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "keys_hash_idx" ON "keys" USING btree ("hash");--> statement-breakpoint
CREATE INDEX "keys_api_created_idx" ON "keys" USING btree ("api_id","created_at","id");--> statement-breakpoint
CREATE INDEX "keys_identity_idx" ON "keys" USING btree ("identity_id","created_at","id");--> statement-breakpoint
CREATE INDEX "keys_workspace_idx" ON "keys" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "portal_config_apis_api_idx" ON "portal_config_apis" USING btree ("api_id");--> statement-breakpoint
CREATE UNIQUE INDEX "portal_configs_workspace_slug_idx" ON "portal_configs" USING btree ("workspace_id","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "portal_sessions_code_idx" ON "portal_sessions" USING btree ("code_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "portal_sessions_token_idx" ON "portal_sessions" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "portal_sessions_workspace_external_idx" ON "portal_sessions" USING btree ("workspace_id","external_id");--> statement-breakpoint
CREATE INDEX "audit_log_workspace_time_idx" ON "audit_log" USING btree ("workspace_id","time");--> statement-breakpoint
CREATE INDEX "verification_events_key_time_idx" ON "verification_events" USING btree ("workspace_id","key_id","time");--> statement-breakpoint
CREATE INDEX "verification_events_identity_time_idx" ON "verification_events" USING btree ("workspace_id","identity_id","time");