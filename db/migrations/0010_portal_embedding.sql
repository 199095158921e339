ALTER TABLE "portal_configs" ADD COLUMN "embed_origins" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "portal_sessions" ADD COLUMN "locale" text;--> statement-breakpoint
ALTER TABLE "portal_sessions" ADD COLUMN "theme" text DEFAULT 'system' NOT NULL;--> statement-breakpoint
ALTER TABLE "portal_sessions" ADD COLUMN "intent" text DEFAULT 'keys' NOT NULL;