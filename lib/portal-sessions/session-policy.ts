import type { SessionPolicy } from "@/db/schema";

/** Lifetimes of docs/sessions.md "Lifetime and ending": the code lives 15 min; `fixed` 24 h from exchange; `sliding` 24 h idle, 7 d cap. */
export const CODE_TTL_MS = 15 * 60 * 1000;
export const FIXED_TTL_MS = 24 * 60 * 60 * 1000;
export const IDLE_TTL_MS = 24 * 60 * 60 * 1000;
export const SLIDING_CAP_MS = 7 * 24 * 60 * 60 * 1000;

/** The stored times a session gets at exchange under a policy. */
export function lifetimeAtExchange(policy: SessionPolicy, at: number): { expiresAt: number; idleExpiresAt: number | null } {
  if (policy === "sliding") return { expiresAt: at + SLIDING_CAP_MS, idleExpiresAt: Math.min(at + IDLE_TTL_MS, at + SLIDING_CAP_MS) };
  return { expiresAt: at + FIXED_TTL_MS, idleExpiresAt: null };
}

/** When a session ends if nothing else happens: the earlier of its hard and idle ends. */
export function effectiveEnd(row: { expiresAt: number | null; idleExpiresAt: number | null }): number | undefined {
  if (row.expiresAt === null) return undefined;
  return row.idleExpiresAt === null ? row.expiresAt : Math.min(row.expiresAt, row.idleExpiresAt);
}
