/** What the keys table says about a key, derived from its fields at render time. */
export type KeyState = "active" | "expiring" | "expired" | "disabled" | "exhausted";

const SOON = 7 * 86_400_000;

export function keyState(key: { enabled: boolean; expires?: number; credits?: { remaining?: number | null } }, now: number): KeyState {
  if (!key.enabled) return "disabled";
  if (key.expires !== undefined && key.expires <= now) return "expired";
  if (typeof key.credits?.remaining === "number" && key.credits.remaining <= 0) return "exhausted";
  if (key.expires !== undefined && key.expires - now <= SOON) return "expiring";
  return "active";
}

export const KEY_STATE_LABEL: Record<KeyState, string> = {
  active: "Active",
  expiring: "Expiring soon",
  expired: "Expired",
  disabled: "Disabled",
  exhausted: "No credits left",
};
