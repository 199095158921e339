import "server-only";
import { ApiError } from "@/lib/api/errors";

/**
 * A rerolled key's balance lives on its replacement, which both keys spend from during the grace
 * period (docs/security.md "Rerolls never add spending power"). Changing the old row's credits would
 * silently change nothing anyone can spend, so it is a 409 naming the replacement.
 */
export function refuseCreditsOfRolledKey(key: { replacedBy: string | null }): void {
  if (key.replacedBy) throw new ApiError("keyport/data/key_credits_moved", undefined, { context: { replacedBy: key.replacedBy } });
}
