import type { KeyRow } from "@/db/queries/keys";

/** What the console says about a key (docs/console.md "Keys and sessions"). */
export type ConsoleKeyStatus = "active" | "disabled" | "expired" | "rolled";

export const KEY_STATUS_LABEL: Record<ConsoleKeyStatus, string> = {
  active: "Active",
  disabled: "Disabled",
  expired: "Expired",
  rolled: "Rolled",
};

/**
 * In the order the portal's keys table uses: a disabled key answers DISABLED whatever else it is, an
 * expired one EXPIRED; a rolled key still in its grace period verifies and says what replaced it.
 */
export function consoleKeyStatus(key: Pick<KeyRow, "enabled" | "expiresAt" | "replacedBy">, now: number): ConsoleKeyStatus {
  if (!key.enabled) return "disabled";
  if (key.expiresAt !== null && key.expiresAt <= now) return "expired";
  if (key.replacedBy !== null) return "rolled";
  return "active";
}
