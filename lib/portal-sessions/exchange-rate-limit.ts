import "server-only";
import type { Db } from "@/db/client";
import { countExchangeFailure, pruneExchangeFailures } from "@/db/queries/portal-sessions";
import { ApiError } from "@/lib/api/errors";
import { now } from "@/lib/clock";
import { env } from "@/lib/env";

const WINDOW_MS = 60_000;

/** What failed. Each kind counts apart: a failing operator script never locks out a visitor's exchange. */
export type FailureKind = "exchange" | "operator" | "console";

const TOO_MANY: Record<FailureKind, string> = {
  exchange: "Too many failed code redemptions from this address. Retry in {s} s with a fresh link.",
  operator: "Too many failed operator authentications from this address. Retry in {s} s with the right operator token.",
  console: "Too many failed console sign-ins from this address. Retry in {s} s with a fresh link from keyport console-link.",
};

/** Exchange counters keep the bare address; other kinds are namespaced in the same table. */
function counterKey(kind: FailureKind, address: string): string {
  return kind === "exchange" ? address : `${kind}:${address}`;
}

function windowOf(at: number): number {
  return Math.floor(at / WINDOW_MS) * WINDOW_MS;
}

function tooMany(kind: FailureKind, at: number): ApiError {
  const retryAfter = Math.max(1, Math.ceil((windowOf(at) + WINDOW_MS - at) / 1000));
  return new ApiError("user/too_many_requests/rate_limited", TOO_MANY[kind].replace("{s}", String(retryAfter)), {
    headers: { "Retry-After": String(retryAfter) },
  });
}

/**
 * Counts one failure of `kind` for `address` and returns the 429 (with Retry-After) to answer once the
 * address is past `KEYPORT_EXCHANGE_FAILURE_LIMIT` failures this minute, else undefined: the caller
 * answers its own 401. Counters live in the database so every process on it shares them (fixed
 * one-minute windows).
 */
export async function throttleFailure(db: Db, kind: FailureKind, address: string): Promise<ApiError | undefined> {
  const at = now();
  const windowStart = windowOf(at);
  const failures = await countExchangeFailure(db, counterKey(kind, address), windowStart);
  // Old windows are dropped now and then, off nobody's critical path but a failing caller's.
  if (Math.random() < 0.02) await pruneExchangeFailures(db, windowStart - 10 * WINDOW_MS);
  return failures > env().KEYPORT_EXCHANGE_FAILURE_LIMIT ? tooMany(kind, at) : undefined;
}

/** A failed code redemption: 401 within the limit, 429 past it (docs/security.md "Rate limiting of exchanges"). */
export async function failedRedemption(db: Db, address: string): Promise<ApiError> {
  return (await throttleFailure(db, "exchange", address)) ?? new ApiError("unkey/authentication/portal_session_not_found");
}
