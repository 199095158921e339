import type { KeyRefill } from "@/db/schema";

/**
 * Start (unix ms, UTC) of the refill period containing `at`: midnight for daily refills; for monthly
 * ones the `refillDay` (default 1, clamped to the month's last day) of this month, or of the previous
 * month when that day has not come yet.
 */
export function refillPeriodStart(refill: KeyRefill, at: number): number {
  const d = new Date(at);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  if (refill.interval === "daily") return Date.UTC(y, m, d.getUTCDate());
  const day = refill.refillDay ?? 1;
  const dayIn = (yy: number, mm: number) => Math.min(day, new Date(Date.UTC(yy, mm + 1, 0)).getUTCDate());
  const thisMonth = Date.UTC(y, m, dayIn(y, m));
  return thisMonth <= at ? thisMonth : Date.UTC(y, m - 1, dayIn(y, m - 1));
}
