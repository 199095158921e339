import "server-only";
import type { Db } from "@/db/client";
import { keyUsageByHour } from "@/db/queries/console-keys";
import type { Bucket } from "@/lib/ui/analytics";

const HOUR = 3_600_000;

/**
 * One key's verifications as zero-filled hourly buckets over [startTime, endTime) (whole hours, as
 * windowFor gives them), from the per-key rollups: the shape the portal's usage chart draws, so the
 * console's key page reuses it and lib/ui/analytics.ts (byDay for the 30-day range).
 */
export async function consoleKeyUsage(db: Db, workspaceId: string, keyId: string, window: { startTime: number; endTime: number }): Promise<Bucket[]> {
  const start = Math.floor(window.startTime / HOUR) * HOUR;
  const rows = await keyUsageByHour(db, { workspaceId, keyId, start, end: window.endTime });
  const byHour = new Map(rows.map((r) => [r.hour, r]));
  const buckets: Bucket[] = [];
  for (let time = start; time < window.endTime; time += HOUR) {
    const r = byHour.get(time);
    buckets.push({
      time,
      total: r?.total ?? 0,
      valid: r?.valid ?? 0,
      rateLimited: r?.rateLimited ?? 0,
      insufficientPermissions: r?.insufficientPermissions ?? 0,
      forbidden: r?.forbidden ?? 0,
      disabled: r?.disabled ?? 0,
      expired: r?.expired ?? 0,
      usageExceeded: r?.usageExceeded ?? 0,
    });
  }
  return buckets;
}
