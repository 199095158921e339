import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { changeCredits } from "@/db/queries/keys";
import type { KeyRefill } from "@/db/schema";
import { invalidInput } from "@/lib/api/errors";
import { writeAudit } from "@/lib/audit/write-audit";
import type { RootAuth } from "@/lib/auth/root-key";
import { now } from "@/lib/clock";
import { findKeyOr404 } from "@/lib/keys/find-key-or-404";
import { refuseCreditsOfRolledKey } from "@/lib/keys/rolled-key-credits";

export const updateCreditsInput = z.strictObject({
  keyId: z.string().min(1).max(255),
  value: z.number().int().min(0).max(2_147_483_647).nullable().optional(),
  operation: z.enum(["set", "increment", "decrement"]),
});

function bad(message: string, fix: string): never {
  throw invalidInput("body.value", message, fix);
}

/**
 * keys.updateCredits. increment/decrement are one atomic UPDATE relative to the current value, so
 * they compose with concurrent verifications; decrement stops at 0.
 */
export async function updateCredits({ db, auth, input }: { db: Db; auth: RootAuth; input: z.infer<typeof updateCreditsInput> }) {
  return db.transaction(async (tx) => {
    const { key } = await findKeyOr404(tx, auth, input.keyId, "update_key");
    refuseCreditsOfRolledKey(key);
    const { operation, value } = input;
    let row;
    if (operation === "set") {
      // Unkey's document: value is optional for set, and absent or null makes the key unlimited.
      row = await changeCredits(tx, auth.workspaceId, key.id, { operation, value: value ?? null }, now());
    } else {
      if (value === undefined || value === null) bad(`${operation} needs a numeric value.`, "Send value: <number>.");
      if (key.creditsRemaining === null) bad(`This key has unlimited credits; there is nothing to ${operation}.`, 'Use operation "set" to give it a number of credits first.');
      row = await changeCredits(tx, auth.workspaceId, key.id, { operation, value }, now());
    }
    await writeAudit(tx, {
      workspaceId: auth.workspaceId,
      actor: auth.actor,
      event: "key.update_credits",
      resourceId: key.id,
      meta: { operation: input.operation, value: input.value ?? null },
    });
    // KeyCreditsData.remaining is nullable and required: null means unlimited. A null-prototype
    // object passes through the envelope's null-stripping unchanged (lib/api/reply.ts omitAbsent).
    const data = Object.create(null) as { remaining: number | null; refill?: KeyRefill };
    data.remaining = row?.remaining ?? null;
    if (row?.refill) data.refill = row.refill;
    return data;
  });
}
