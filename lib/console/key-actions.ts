import "server-only";
import { findKey } from "@/db/queries/keys";
import { ApiError, invalidInput } from "@/lib/api/errors";
import { parseInput } from "@/lib/api/body";
import { actingAuth, type ConsoleActing } from "@/lib/console/acting-auth";
import { deleteKey, deleteKeyInput } from "@/lib/keys/delete-key";
import { updateCredits, updateCreditsInput } from "@/lib/keys/update-credits";
import { updateKey, updateKeyInput } from "@/lib/keys/update-key";

/**
 * The console's key actions (docs/console.md "Keys and sessions"): each parses its input with the
 * endpoint's own schema and calls the same verb as /v2/keys.updateKey, deleteKey or updateCredits,
 * so the rules, the errors and the audit event (actor: the console session) are the endpoint's.
 */

/** Disables or enables a key (keys.updateKey {enabled}). */
export async function setKeyEnabled(c: ConsoleActing, keyId: string, enabled: boolean): Promise<void> {
  await updateKey({ db: c.db, auth: actingAuth(c), input: parseInput(updateKeyInput, { keyId, enabled }) });
}

/** What the delete dialog asks the admin to type: the key's name, or its start when it has none. */
export function deleteConfirmationText(key: { name: string | null; start: string }): string {
  return key.name?.trim() || key.start;
}

/** Soft-deletes a key (keys.deleteKey) once `typed` is the key's confirmation text. */
export async function deleteKeyConfirmed(c: ConsoleActing, keyId: string, typed: string): Promise<void> {
  const found = await findKey(c.db, c.workspaceId, keyId);
  if (!found) throw new ApiError("unkey/data/key_not_found");
  const expected = deleteConfirmationText(found.key);
  if (typed.trim() !== expected) {
    throw invalidInput("confirm", `Type ${expected} to delete this key.`, `Type ${expected} exactly, capitals included; nothing was deleted.`);
  }
  await deleteKey({ db: c.db, auth: actingAuth(c), input: parseInput(deleteKeyInput, { keyId }) });
}

const MAX_CREDITS = 2_147_483_647;

export const CREDIT_OPERATIONS = ["set", "increment", "decrement", "unlimited"] as const;
export type CreditOperation = (typeof CREDIT_OPERATIONS)[number];

/**
 * keys.updateCredits from the console's form: `set`, `increment` or `decrement` by a whole number
 * typed in a text field, or `unlimited` (set to null, which also drops the refill). Returns the
 * balance after the change (null: unlimited).
 */
export async function changeKeyCredits(c: ConsoleActing, keyId: string, operation: string, value: string): Promise<{ remaining: number | null }> {
  if (!(CREDIT_OPERATIONS as readonly string[]).includes(operation)) {
    throw invalidInput("operation", "Choose how to change the credits.", "Pick set, add, subtract or unlimited.");
  }
  let body: Record<string, unknown>;
  if (operation === "unlimited") {
    body = { keyId, operation: "set", value: null };
  } else {
    const text = value.trim().replace(/[,_\s]/g, "");
    const n = /^\d{1,10}$/.test(text) ? Number(text) : NaN;
    if (!(n <= MAX_CREDITS)) throw invalidInput("credits", "Credits must be a whole number from 0 to 2,147,483,647.", "Type a whole number from 0 to 2,147,483,647.");
    if (operation !== "set") {
      const found = await findKey(c.db, c.workspaceId, keyId);
      if (found && found.key.creditsRemaining === null) {
        throw invalidInput("operation", "This key has unlimited credits, so there is nothing to add to or subtract from.", "Choose Set to give it a number of credits first.");
      }
    }
    body = { keyId, operation, value: n };
  }
  const result = await updateCredits({ db: c.db, auth: actingAuth(c), input: parseInput(updateCreditsInput, body) });
  return { remaining: result.remaining };
}
