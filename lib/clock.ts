/**
 * The one source of "now" (unix ms). Session expiry, code lifetimes, rate limits and rerolls
 * read it, so tests can move time forward without sleeping.
 */
const state = globalThis as unknown as { __keyportClockOffset?: number };

export function now(): number {
  return Date.now() + (state.__keyportClockOffset ?? 0);
}

export function advanceClock(ms: number): void {
  state.__keyportClockOffset = (state.__keyportClockOffset ?? 0) + ms;
}

export function resetClock(): void {
  state.__keyportClockOffset = 0;
}

/**
 * Moves the clock to just after the start of the next `windowMs`-aligned window, so a test of
 * fixed-window counters has the whole window ahead of it, however slow the machine.
 */
export function advanceToNextWindow(windowMs: number): void {
  advanceClock(windowMs - (now() % windowMs) + 1);
}
