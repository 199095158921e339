import "server-only";
import type { Db } from "@/db/client";
import { countExchangeFailure, pruneExchangeFailures } from "@/db/queries/portal-sessions";
import { ApiError } from "@/lib/api/errors";
import { now } from "@/lib/clock";
import { env } from "@/lib/env";

const WINDOW_MS = 60_000;

/**
 * Counts a failed redemption for `address` and returns the error to answer: 401 while the address
 * is within `KEYPORT_EXCHANGE_FAILURE_LIMIT` failures this minute, 429 with Retry-After beyond it.
 * Counters live in the database so every process on it shares them (fixed one-minute windows).
 */
export async function failedRedemption(db: Db, address: string): Promise<ApiError> {
  const at = now();
  const windowStart = Math.floor(at / WINDOW_MS) * WINDOW_MS;
  const failures = await countExchangeFailure(db, address, windowStart);
  // Old windows are dropped now and then, off nobody's critical path but a failing caller's.
  if (Math.random() < 0.02) await pruneExchangeFailures(db, windowStart - 10 * WINDOW_MS);
  if (failures <= env().KEYPORT_EXCHANGE_FAILURE_LIMIT) return new ApiError("unkey/authentication/portal_session_not_found");
  const retryAfter = Math.max(1, Math.ceil((windowStart + WINDOW_MS - at) / 1000));
  return new ApiError("user/too_many_requests/rate_limited", `Too many failed code redemptions from this address. Retry in ${retryAfter} s with a fresh link.`, {
    headers: { "Retry-After": String(retryAfter) },
  });
}
