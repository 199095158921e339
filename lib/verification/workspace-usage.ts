import "server-only";
import type { Db } from "@/db/client";
import { apiNames, keyLabels, topKeysByVerifications, unknownKeyVerifications, usageByApiAndHour, type UsageCounters } from "@/db/queries/usage";
import type { VerificationBucket } from "@/lib/portal-sessions/get-verifications";

const HOUR = 3_600_000;
export const TOP_KEYS = 10;

export type ApiUsage = { apiId: string; name: string; deleted: boolean; counts: UsageCounters };
export type KeyUsage = { keyId: string; name: string | null; start: string | null; deleted: boolean; apiId: string | null; apiName: string | null; counts: UsageCounters };

export type WorkspaceUsage = {
  /** Every hour of [startTime, endTime), zero-filled: all APIs, or the one asked for. */
  hourly: VerificationBucket[];
  /** The sums of `hourly`, NOT_FOUND of known keys included. */
  totals: UsageCounters;
  /** Each live API of the workspace (zeros too), then deleted APIs that saw verifications; not narrowed by `apiId`. */
  perApi: ApiUsage[];
  /** The most verified keys (all APIs, or the one asked for). */
  topKeys: KeyUsage[];
  /** Verifications that presented a key the workspace does not have: no key, no API. */
  unknownKeys: number;
};

function zero(): UsageCounters {
  return { total: 0, valid: 0, rateLimited: 0, usageExceeded: 0, expired: 0, disabled: 0, insufficientPermissions: 0, forbidden: 0, notFound: 0 };
}
function add(into: UsageCounters, from: UsageCounters): void {
  for (const k of Object.keys(into) as (keyof UsageCounters)[]) into[k] += from[k];
}

/**
 * The console's usage page (docs/console.md "Audit log and usage"): a workspace's verifications in
 * [startTime, endTime) — whole hours — by API and outcome, from the hourly rollups the verification
 * flush keeps (lib/verification/record-event.ts), plus its top keys and its unknown-key attempts.
 */
export async function workspaceUsage(db: Db, p: { workspaceId: string; startTime: number; endTime: number; apiId?: string }): Promise<WorkspaceUsage> {
  const window = { workspaceId: p.workspaceId, start: p.startTime, end: p.endTime };
  const [rows, top, unknownKeys, liveApis] = await Promise.all([
    usageByApiAndHour(db, window),
    topKeysByVerifications(db, { ...window, apiId: p.apiId, limit: TOP_KEYS }),
    unknownKeyVerifications(db, window),
    apiNames(db, p.workspaceId),
  ]);

  const hours = new Map<number, VerificationBucket>();
  for (let t = Math.floor(p.startTime / HOUR) * HOUR; t < p.endTime; t += HOUR) {
    hours.set(t, { time: t, total: 0, valid: 0, rateLimited: 0, insufficientPermissions: 0, forbidden: 0, disabled: 0, expired: 0, usageExceeded: 0 });
  }
  const totals = zero();
  const byApi = new Map<string, UsageCounters>();
  for (const row of rows) {
    const { apiId, hour, ...counts } = row;
    if (apiId !== null) {
      const api = byApi.get(apiId) ?? zero();
      add(api, counts);
      byApi.set(apiId, api);
    }
    if (p.apiId !== undefined && apiId !== p.apiId) continue;
    add(totals, counts);
    const bucket = hours.get(hour);
    if (!bucket) continue;
    for (const k of Object.keys(bucket) as (keyof VerificationBucket)[]) if (k !== "time") bucket[k] += counts[k];
  }

  const known = new Set(liveApis.map((a) => a.id));
  const gone = [...byApi.keys()].filter((id) => !known.has(id));
  const names = new Map([...liveApis, ...(gone.length ? await apiNames(db, p.workspaceId, gone) : [])].map((a) => [a.id, a]));
  const perApi: ApiUsage[] = [...liveApis.map((a) => a.id), ...gone].map((apiId) => ({
    apiId,
    name: names.get(apiId)?.name ?? apiId,
    deleted: names.get(apiId)?.deleted ?? true,
    counts: byApi.get(apiId) ?? zero(),
  }));

  const labels = new Map((await keyLabels(db, p.workspaceId, top.map((k) => k.keyId))).map((k) => [k.id, k]));
  const topKeys: KeyUsage[] = top.map(({ keyId, apiId, ...counts }) => {
    const label = labels.get(keyId);
    return { keyId, name: label?.name ?? null, start: label?.start ?? null, deleted: label?.deleted ?? true, apiId, apiName: apiId ? (names.get(apiId)?.name ?? null) : null, counts };
  });

  return { hourly: [...hours.values()], totals, perApi, topKeys, unknownKeys };
}
