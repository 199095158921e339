-- Keys rerolled before lineages existed: give every reroll chain its original key's id as lineage,
-- and move the balance to the chain's newest key (docs/security.md "Rerolls never add spending power").
WITH RECURSIVE "chain"("id", "lineage") AS (
	SELECT "k"."id", "k"."id" FROM "keys" "k"
	WHERE "k"."replaced_by" IS NOT NULL AND "k"."lineage_id" IS NULL
		AND NOT EXISTS (SELECT 1 FROM "keys" "p" WHERE "p"."replaced_by" = "k"."id")
	UNION ALL
	SELECT "k"."replaced_by", "c"."lineage" FROM "chain" "c" JOIN "keys" "k" ON "k"."id" = "c"."id"
	WHERE "k"."replaced_by" IS NOT NULL
)
UPDATE "keys" SET "lineage_id" = "chain"."lineage" FROM "chain" WHERE "keys"."id" = "chain"."id";--> statement-breakpoint
UPDATE "keys" SET "credits_remaining" = 0 WHERE "replaced_by" IS NOT NULL AND "credits_remaining" IS NOT NULL;
