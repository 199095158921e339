/**
 * What is left of a fixed, `windowMs`-aligned window when the server read its clock somewhere
 * between `before` and `after` (now() of lib/clock.ts, read by the test around the request).
 *
 * The clock is an offset on real time, so the server's own read cannot be known to the
 * millisecond: the answer is the tightest range there is, as wide as the request took. Both reads
 * must fall in one window (align first, e.g. advanceToNextWindow), else the range means nothing.
 */
export function windowLeft(before: number, after: number, windowMs: number): { min: number; max: number } {
  const end = (Math.floor(before / windowMs) + 1) * windowMs;
  if (after >= end) throw new Error(`the request crossed a ${windowMs} ms window boundary; align the clock before it`);
  return { min: end - after, max: end - before };
}
