import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { findIdentityByExternalId } from "@/db/queries/identities";
import { verificationBuckets } from "@/db/queries/portal-keys";
import type { VerificationOutcome } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import { TIME_MAX_MS } from "@/lib/keys/key-fields";
import { findOwnKeyOr404 } from "@/lib/portal-sessions/find-own-key";
import type { PortalSessionContext } from "@/lib/portal-sessions/session-context";
import { apisWhere, requireSessionPermission } from "@/lib/portal-sessions/session-permissions";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
export const MAX_WINDOW_MS = 90 * DAY;

export const getVerificationsInput = z
  .strictObject({
    startTime: z.number().int().min(0).max(TIME_MAX_MS),
    endTime: z.number().int().min(0).max(TIME_MAX_MS),
    keyId: z.string().min(1).max(255).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.endTime <= v.startTime) {
      ctx.addIssue({ code: "custom", path: ["endTime"], message: "endTime must be after startTime.", params: { fix: "Send endTime > startTime (unix ms; startTime inclusive, endTime exclusive)." } });
    } else if (v.endTime - v.startTime > MAX_WINDOW_MS) {
      ctx.addIssue({ code: "custom", path: ["endTime"], message: "The window may span at most 90 days.", params: { fix: "Query 90 days or less at a time." } });
    }
  });

/** Bucket size from the window (docs/sessions.md): minutes up to 2 h, hours up to 7 d, days beyond. */
export function bucketSize(windowMs: number): number {
  if (windowMs <= 2 * HOUR) return MINUTE;
  if (windowMs <= 7 * DAY) return HOUR;
  return DAY;
}

export type VerificationBucket = {
  time: number;
  total: number;
  valid: number;
  rateLimited: number;
  insufficientPermissions: number;
  forbidden: number;
  disabled: number;
  expired: number;
  usageExceeded: number;
};

const FIELD: Partial<Record<VerificationOutcome, Exclude<keyof VerificationBucket, "time" | "total">>> = {
  VALID: "valid",
  RATE_LIMITED: "rateLimited",
  INSUFFICIENT_PERMISSIONS: "insufficientPermissions",
  FORBIDDEN: "forbidden",
  DISABLED: "disabled",
  EXPIRED: "expired",
  USAGE_EXCEEDED: "usageExceeded",
};

function emptyBucket(time: number): VerificationBucket {
  return { time, total: 0, valid: 0, rateLimited: 0, insufficientPermissions: 0, forbidden: 0, disabled: 0, expired: 0, usageExceeded: 0 };
}

/**
 * portal.getVerifications: the end user's verifications in [startTime, endTime) as a contiguous,
 * zero-filled series of UTC-aligned buckets (`time` = bucket start), in the APIs where the session
 * holds `read_analytics`; `keyId` narrows to one of the user's own keys. The portal's own pages
 * may ask for a `bucketMs` of their own (hours over 30 days, to add up by the viewer's local day).
 */
export async function getVerifications({ db, session, input, bucketMs }: { db: Db; session: PortalSessionContext; input: z.infer<typeof getVerificationsInput>; bucketMs?: number }) {
  if (input.endTime <= input.startTime) throw new ApiError("unkey/application/invalid_input", "endTime must be after startTime.");
  requireSessionPermission(session, "read_analytics");
  const size = bucketMs ?? bucketSize(input.endTime - input.startTime);
  const first = Math.floor(input.startTime / size) * size;
  const buckets = new Map<number, VerificationBucket>();
  for (let t = first; t < input.endTime; t += size) buckets.set(t, emptyBucket(t));

  let apiIds = apisWhere(session, "read_analytics");
  if (input.keyId !== undefined) {
    const { key } = await findOwnKeyOr404(db, session, input.keyId);
    requireSessionPermission(session, "read_analytics", key.apiId);
    apiIds = [key.apiId];
  }
  const identity = await findIdentityByExternalId(db, session.workspaceId, session.externalId);
  if (identity) {
    const rows = await verificationBuckets(db, {
      workspaceId: session.workspaceId,
      identityId: identity.id,
      apiIds,
      keyId: input.keyId,
      start: input.startTime,
      end: input.endTime,
      bucketMs: size,
    });
    for (const r of rows) {
      const b = buckets.get(r.bucket);
      if (!b) continue;
      b.total += r.n;
      const field = FIELD[r.outcome];
      if (field) b[field] += r.n;
    }
  }
  return [...buckets.values()];
}
