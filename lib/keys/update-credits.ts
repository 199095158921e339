import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { keys } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import { writeAudit } from "@/lib/audit/write-audit";
import type { RootAuth } from "@/lib/auth/root-key";
import { now } from "@/lib/clock";
import { findKeyOr404 } from "@/lib/keys/find-key-or-404";

export const updateCreditsInput = z.strictObject({
  keyId: z.string().min(1).max(255),
  value: z.number().int().min(0).max(2_147_483_647).nullable().optional(),
  operation: z.enum(["set", "increment", "decrement"]),
});

function bad(message: string, fix: string): never {
  throw new ApiError("unkey/application/invalid_input", message, { errors: [{ location: "body.value", message, fix }] });
}

/**
 * keys.updateCredits. increment/decrement are one atomic UPDATE relative to the current value, so
 * they compose with concurrent verifications; decrement stops at 0.
 */
export async function updateCredits({ db, auth, input }: { db: Db; auth: RootAuth; input: z.infer<typeof updateCreditsInput> }) {
  return db.transaction(async (tx) => {
    const { key } = await findKeyOr404(tx, auth, input.keyId, "update_key");
    const value = input.value;
    let next;
    if (input.operation === "set") {
      // Unkey's document: value is optional for set, and absent or null makes the key unlimited.
      next = value ?? null;
    } else {
      if (value === undefined || value === null) bad(`${input.operation} needs a numeric value.`, "Send value: <number>.");
      if (key.creditsRemaining === null) bad(`This key has unlimited credits; there is nothing to ${input.operation}.`, 'Use operation "set" to give it a number of credits first.');
      // The sum is taken in bigint: two int4 values near the top would overflow before least() clamps.
      next =
        input.operation === "increment"
          ? sql`least(${keys.creditsRemaining}::bigint + ${value}, 2147483647)`
          : sql`greatest(${keys.creditsRemaining} - ${value}, 0)`;
    }
    const rows = await tx
      .update(keys)
      .set({ creditsRemaining: next, updatedAt: now(), ...(next === null ? { refill: null } : {}) })
      .where(and(eq(keys.id, key.id), eq(keys.workspaceId, auth.workspaceId)))
      .returning({ remaining: keys.creditsRemaining, refill: keys.refill });
    await writeAudit(tx, {
      workspaceId: auth.workspaceId,
      actor: { type: "root_key", id: auth.rootKeyId },
      event: "key.update_credits",
      resourceId: key.id,
      meta: { operation: input.operation, value: input.value ?? null },
    });
    const row = rows[0];
    // KeyCreditsData.remaining is nullable and required: null means unlimited. A null-prototype
    // object passes through the envelope's null-stripping unchanged (lib/api/reply.ts omitAbsent).
    const data = Object.create(null) as { remaining: number | null; refill?: unknown };
    data.remaining = row?.remaining ?? null;
    if (row?.refill) data.refill = row.refill;
    return data;
  });
}
