import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { deductCredits, findKeyForVerification, type KeyForVerification, readCredits, refillCredits } from "@/db/queries/keys";
import type { VerificationOutcome } from "@/db/schema";
import { invalidInput } from "@/lib/api/errors";
import { asStoredJson } from "@/lib/api/reply";
import type { RootAuth } from "@/lib/auth/root-key";
import { now } from "@/lib/clock";
import { sha256 } from "@/lib/crypto/secrets";
import { toIdentityResponse } from "@/lib/identities/identity-response";
import { applyRatelimits, type RatelimitResult, selectRatelimits } from "@/lib/verification/apply-ratelimits";
import { evaluatePermissionQuery, parsePermissionQuery, PermissionQueryError, type PermissionQuery } from "@/lib/verification/permission-query";
import { recordVerification } from "@/lib/verification/record-event";
import { refillPeriodStart } from "@/lib/verification/refill-period";

export const verifyKeyInput = z.strictObject({
  key: z.string().min(1).max(512),
  tags: z.array(z.string().max(512)).max(20).optional(),
  permissions: z.string().max(1000).optional(),
  credits: z.strictObject({ cost: z.number().int().min(0).max(1_000_000_000) }).optional(),
  ratelimits: z
    .array(
      z.strictObject({
        name: z.string().min(1).max(128),
        cost: z.number().int().min(0).max(1_000_000_000).optional(),
        limit: z.number().int().min(1).max(1_000_000_000).optional(),
        duration: z.number().int().min(1000).max(2_592_000_000).optional(),
      }),
    )
    .max(20)
    .optional(),
  // Keyport has no key migrations: a known key verifies as usual, an unknown one is NOT_FOUND (docs/api.md).
  migrationId: z.string().max(256).optional(),
});

type VerifyInput = z.infer<typeof verifyKeyInput>;

/** The root key may verify keys of some API at all: `api.*.verify_key`, `api.<id>.verify_key` or `*`. */
function canVerifyAnything(permissions: readonly string[]): boolean {
  return permissions.some((p) => p === "*" || /^api\.[^.]+\.verify_key$/.test(p));
}

function parseQuery(query: string | undefined): PermissionQuery | undefined {
  if (query === undefined) return undefined;
  try {
    return parsePermissionQuery(query);
  } catch (err) {
    if (!(err instanceof PermissionQueryError)) throw err;
    throw invalidInput("body.permissions", err.message, 'Use permission names joined by AND / OR, with parentheses: "(a.read OR a.write) AND b.view".');
  }
}

/**
 * keys.verifyKey: always a 200 with a code (docs/api.md "How keys.verifyKey decides"). Order: found → expired → disabled →
 * permissions → rate limits → credits, so credits are spent only when everything else passed.
 * No cache: each call reads the key row, so a deleted, disabled or expired key stops verifying at
 * once, whatever code path changed it. Every call is recorded as an event (batched).
 */
export async function verifyKey({ db, auth, input }: { db: Db; auth: RootAuth; input: VerifyInput }) {
  if (!canVerifyAnything(auth.permissions)) auth.require("api.*.verify_key");
  const query = parseQuery(input.permissions);
  const at = now();
  const found = await findKeyForVerification(db, sha256(input.key));
  if (!found || found.key.workspaceId !== auth.workspaceId) {
    recordVerification({ time: at, workspaceId: auth.workspaceId, apiId: null, keyId: null, identityId: null, outcome: "NOT_FOUND" });
    return { valid: false, code: "NOT_FOUND" as const };
  }
  auth.require("api.*.verify_key", `api.${found.key.apiId}.verify_key`);

  const result = await decide(db, found, input, query, at);
  recordVerification({
    time: at,
    workspaceId: found.key.workspaceId,
    apiId: found.key.apiId,
    keyId: found.key.id,
    identityId: found.key.identityId,
    outcome: result.code,
  });
  const { key, identity } = found;
  return {
    valid: result.code === "VALID",
    code: result.code,
    keyId: key.id,
    name: key.name ?? undefined,
    meta: key.meta ? asStoredJson(key.meta) : undefined,
    expires: key.expiresAt ?? undefined,
    credits: result.credits ?? undefined,
    enabled: key.enabled,
    permissions: query ? key.permissions : undefined,
    identity: identity ? toIdentityResponse(identity) : undefined,
    ratelimits: result.ratelimits,
  };
}

type Decision = { code: Exclude<VerificationOutcome, "NOT_FOUND" | "FORBIDDEN">; credits: number | null; ratelimits?: RatelimitResult[] };

async function decide(db: Db, { key, identity, head }: KeyForVerification, input: VerifyInput, query: PermissionQuery | undefined, at: number): Promise<Decision> {
  // The row holding the credits: the key itself, or for a key in grace its lineage's newest key
  // (docs/security.md "Rerolls never add spending power"). A replaced key whose successor row is
  // gone has no balance left (its own was moved at the roll).
  const balance = key.replacedBy === null ? key : head;
  let credits = balance ? balance.creditsRemaining : key.creditsRemaining;
  if (key.expiresAt !== null && key.expiresAt <= at) return { code: "EXPIRED", credits };
  if (!key.enabled) return { code: "DISABLED", credits };
  if (query && !evaluatePermissionQuery(query, key.permissions)) return { code: "INSUFFICIENT_PERMISSIONS", credits };

  // Refill first (at most once per period, and a no-op for every call after the first), so the one
  // statement below spends from the refilled balance.
  if (credits !== null && balance?.refill) {
    const periodStart = refillPeriodStart(balance.refill, at);
    if ((balance.lastRefillAt ?? balance.createdAt) < periodStart) await refillCredits(db, balance.id, balance.refill.amount, periodStart, at);
  }
  const credit = credits !== null && balance ? { keyId: balance.id, cost: input.credits?.cost ?? 1 } : undefined;
  const checks = selectRatelimits(key, identity, input.ratelimits);
  let ratelimits: RatelimitResult[] | undefined;
  let left: number | undefined;
  if (checks.length) {
    // Rate limits and the credit deduction in one statement: one commit per verification.
    const spent = await applyRatelimits(db, checks, at, credit);
    ratelimits = spent.ratelimits;
    left = spent.creditsLeft;
    if (ratelimits.some((r) => r.exceeded)) return { code: "RATE_LIMITED", credits, ratelimits };
  } else if (credit) {
    left = await deductCredits(db, credit.keyId, credit.cost);
  }

  if (credits !== null) {
    if (!credit) return { code: "USAGE_EXCEEDED", credits: 0, ratelimits };
    if (left === undefined) return { code: "USAGE_EXCEEDED", credits: await readCredits(db, credit.keyId), ratelimits };
    credits = left;
  }
  return { code: "VALID", credits, ratelimits };
}
