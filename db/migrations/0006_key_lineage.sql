ALTER TABLE "keys" ADD COLUMN "lineage_id" text;--> statement-breakpoint
ALTER TABLE "portal_configs" ADD COLUMN "show_key_meta" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "keys_lineage_head_idx" ON "keys" USING btree ("lineage_id") WHERE "keys"."replaced_by" is null;