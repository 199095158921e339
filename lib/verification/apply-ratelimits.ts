import "server-only";
import type { Db } from "@/db/client";
import type { KeyRatelimit } from "@/db/schema";
import { type CounterStep, spendVerification } from "@/db/queries/ratelimits";
import { invalidInput } from "@/lib/api/errors";

/** A rate limit asked for in keys.verifyKey (the SDK sends `cost: 1` by default). */
export type RequestedRatelimit = { name: string; cost?: number; limit?: number; duration?: number };

/** The SDK's VerifyKeyRatelimitData. */
export type RatelimitResult = {
  exceeded: boolean;
  id: string;
  name: string;
  limit: number;
  duration: number;
  reset: number;
  remaining: number;
  autoApply: boolean;
};

type Check = { config: KeyRatelimit; subject: string; cost: number };

/**
 * Which limits apply: every autoApply limit of the key and of its identity, plus each one named in
 * the request (optionally with a cost, limit or duration override). A key limit wins over an
 * identity limit of the same name (Unkey). Key limits count per key lineage (a rerolled key and its
 * successors share counters, docs/security.md "Rerolls never add spending power"); identity limits
 * are shared by all keys of the identity. A requested name the key and its identity do not have is
 * applied on the fly to the key when the request gives both `limit` and `duration` (Unkey's
 * verifyKey does the same); without them it is a 400.
 */
export function selectRatelimits(
  key: { id: string; lineageId: string | null; ratelimits: KeyRatelimit[] },
  identity: { id: string; ratelimits: KeyRatelimit[] } | null,
  requested: RequestedRatelimit[] | undefined,
): Check[] {
  const keySubject = `key:${key.lineageId ?? key.id}`;
  const byName = new Map<string, { config: KeyRatelimit; subject: string }>();
  for (const r of identity?.ratelimits ?? []) byName.set(r.name, { config: r, subject: `id:${identity?.id}` });
  for (const r of key.ratelimits) byName.set(r.name, { config: r, subject: keySubject });
  const checks = new Map<string, Check>();
  for (const [name, found] of byName) if (found.config.autoApply) checks.set(name, { ...found, cost: 1 });
  for (const req of requested ?? []) {
    const found = byName.get(req.name);
    if (!found) {
      if (req.limit !== undefined && req.duration !== undefined) {
        // No stored config, so no id (Unkey answers "" too).
        const config = { id: "", name: req.name, limit: req.limit, duration: req.duration, autoApply: false };
        checks.set(req.name, { config, subject: keySubject, cost: req.cost ?? 1 });
        continue;
      }
      const message = `No rate limit named "${req.name}" exists on this key or its identity.`;
      throw invalidInput("body.ratelimits", message, "Name a rate limit configured on the key (keys.createKey/updateKey) or on its identity, send both limit and duration to apply one on the fly, or leave it out.");
    }
    const config = { ...found.config, limit: req.limit ?? found.config.limit, duration: req.duration ?? found.config.duration };
    checks.set(req.name, { config, subject: found.subject, cost: req.cost ?? 1 });
  }
  return [...checks.values()];
}

/**
 * Algorithm: sliding-window approximation over fixed windows, counted in the database so every
 * process sharing one Postgres sees the same counters. Windows are aligned to multiples of
 * `duration`; a request is admitted when
 *     count(current window) + cost + floor(count(previous window) × (1 − elapsed/duration)) ≤ limit
 * and the admission and the increment are one atomic step (db/queries/ratelimits.ts).
 * Precision: exact under concurrency (never admits more than the estimate allows); the estimate
 * assumes the previous window's requests were evenly spread, so over any rolling `duration` the
 * admitted count can differ from `limit` by the unevenness of the previous window, and it never
 * exceeds `limit` within one aligned window. Each check that passes consumes its cost even when a
 * later check fails (Unkey does the same).
 *
 * `credit` (the balance row and the cost) is deducted in the same statement when every check passes:
 * `creditsLeft` is the balance after it, or undefined when it was not deducted (a check failed, or
 * too few credits were left).
 */
export async function applyRatelimits(
  db: Db,
  checks: Check[],
  at: number,
  credit?: { keyId: string; cost: number },
): Promise<{ ratelimits: RatelimitResult[]; creditsLeft: number | undefined }> {
  const planned = checks.map(({ config, subject, cost }) => {
    const d = config.duration;
    const windowStart = Math.floor(at / d) * d;
    const step: CounterStep = {
      subject,
      name: `${config.name}:${d}`,
      windowStart,
      previousStart: windowStart - d,
      weight: 1 - (at - windowStart) / d,
      cost,
      limit: config.limit,
      expiresAt: windowStart + 2 * d,
    };
    // A cost above the limit can never pass: no counter step, and nothing is deducted.
    return { config, step: cost > config.limit ? undefined : step };
  });
  const steps = planned.flatMap((p) => (p.step ? [p.step] : []));
  const hopeless = steps.length < planned.length;
  const spent = await spendVerification(db, steps, hopeless ? undefined : credit);
  let next = 0;
  const ratelimits = planned.map(({ config, step }) => {
    const out = step ? spent.counters[next++] : undefined;
    const d = config.duration;
    const windowStart = Math.floor(at / d) * d;
    return {
      exceeded: !out,
      id: config.id,
      name: config.name,
      limit: config.limit,
      duration: d,
      reset: windowStart + d - at,
      remaining: out ? Math.max(0, config.limit - out.current - out.previous) : 0,
      autoApply: config.autoApply,
    };
  });
  return { ratelimits, creditsLeft: spent.creditsLeft };
}
