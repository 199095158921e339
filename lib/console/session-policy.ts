/**
 * Lifetimes of docs/console.md "Signing in": a console link lives 15 minutes and works once; a
 * console session ends after 12 hours without a visit, and 7 days after sign-in whatever happens.
 * Every end is a stored time compared with lib/clock.ts `now()`, so tests move the clock instead of waiting.
 */
export const LINK_TTL_MS = 15 * 60 * 1000;
export const CONSOLE_IDLE_MS = 12 * 60 * 60 * 1000;
export const CONSOLE_CAP_MS = 7 * 24 * 60 * 60 * 1000;

/** The stored times of a session signed in at `at`. */
export function lifetimeAtSignIn(at: number): { expiresAt: number; idleExpiresAt: number } {
  return { expiresAt: at + CONSOLE_CAP_MS, idleExpiresAt: Math.min(at + CONSOLE_IDLE_MS, at + CONSOLE_CAP_MS) };
}

/** Whether a session with these stored times is still live at `at`. */
export function isLive(row: { revokedAt: number | null; expiresAt: number; idleExpiresAt: number }, at: number): boolean {
  return row.revokedAt === null && row.expiresAt > at && row.idleExpiresAt > at;
}
