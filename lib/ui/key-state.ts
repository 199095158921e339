/** What the keys table says about a key, derived from its fields at render time (its name: the messages' `keys.state`). */
export type KeyState = "active" | "expiring" | "expired" | "disabled" | "exhausted" | "replaced";

const SOON = 7 * 86_400_000;

/**
 * A rolled key in its grace period is "replaced" before anything else it could be: its balance moved
 * to its successor (the row shows 0 credits, yet it spends from the successor) and its grace end is
 * what "expiring" would say.
 */
export function keyState(key: { enabled: boolean; expires?: number; credits?: { remaining?: number | null }; replaced?: object }, now: number): KeyState {
  if (!key.enabled) return "disabled";
  if (key.expires !== undefined && key.expires <= now) return "expired";
  if (key.replaced) return "replaced";
  if (typeof key.credits?.remaining === "number" && key.credits.remaining <= 0) return "exhausted";
  if (key.expires !== undefined && key.expires - now <= SOON) return "expiring";
  return "active";
}
