import "server-only";
import { and, asc, countDistinct, eq, gt, gte, inArray, isNull, lt, or, sql, type Column } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db, Tx } from "@/db/client";
import { apis, identities, keys, verificationEvents, verificationIdentityRollups, verificationRollups, type VerificationOutcome } from "@/db/schema";
import type { KeyRow } from "@/db/queries/keys";

/** The key that replaced a rolled one: read only while it is still one of the same end user's live keys. */
const successor = alias(keys, "successor");

/** The columns the portal shows of a key (lib/portal-sessions/portal-key-view.ts): nothing of the identity, no permissions. */
const PORTAL_KEY_COLUMNS = {
  id: keys.id,
  start: keys.start,
  enabled: keys.enabled,
  name: keys.name,
  meta: keys.meta,
  createdAt: keys.createdAt,
  updatedAt: keys.updatedAt,
  lastUsedAt: keys.lastUsedAt,
  expiresAt: keys.expiresAt,
  creditsRemaining: keys.creditsRemaining,
  refill: keys.refill,
  ratelimits: keys.ratelimits,
  replacedBy: keys.replacedBy,
  successorStart: successor.start,
};
export type PortalKeyRow = Pick<KeyRow, Exclude<keyof typeof PORTAL_KEY_COLUMNS, "successorStart">> & { successorStart: string | null };

type OwnKeysPage = { workspaceId: string; externalId: string; apiIds: string[]; after?: { createdAt: number; id: string }; limit: number; nameContains?: string };

/**
 * Key queries of the portal plane: always one end user's keys (by their externalId, resolved in the
 * same statement) inside a set of APIs (the portal's, narrowed to what the session may do). Live keys
 * of live APIs only, oldest first, limit + 1 rows so the caller knows whether there is more. A rolled key
 * carries its successor's start (a primary-key join), so a list can say which key replaced it. Every
 * portal listing runs this: one round trip, and the statement is built once per variant and handle.
 */
export async function listOwnKeysPage(db: Db | Tx, p: OwnKeysPage): Promise<PortalKeyRow[]> {
  if (p.apiIds.length === 0) return [];
  const variant = `${p.after ? "after" : "first"}:${p.nameContains ? "named" : "all"}`;
  let byVariant = preparedPages.get(db);
  if (!byVariant) preparedPages.set(db, (byVariant = new Map()));
  let query = byVariant.get(variant);
  if (!query) byVariant.set(variant, (query = prepareOwnKeysPage(db, !!p.after, !!p.nameContains, variant)));
  return query.execute({
    workspaceId: p.workspaceId,
    externalId: p.externalId,
    apiIds: p.apiIds,
    afterCreatedAt: p.after?.createdAt ?? 0,
    afterId: p.after?.id ?? "",
    namePattern: p.nameContains ? `%${p.nameContains.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%` : "",
    limit: p.limit + 1,
  });
}

const preparedPages = new WeakMap<Db | Tx, Map<string, ReturnType<typeof prepareOwnKeysPage>>>();

function prepareOwnKeysPage(db: Db | Tx, after: boolean, named: boolean, variant: string) {
  const ph = sql.placeholder;
  const identity = db
    .select({ id: identities.id })
    .from(identities)
    .where(and(eq(identities.workspaceId, ph("workspaceId")), eq(identities.externalId, ph("externalId"))));
  const conds = [
    eq(keys.workspaceId, ph("workspaceId")),
    sql`${keys.identityId} = (${identity})`,
    sql`${keys.apiId} = any(${ph("apiIds")}::text[])`,
    isNull(keys.deletedAt),
    isNull(apis.deletedAt),
  ];
  // A row comparison, so Postgres bounds the (…, created_at, id) index scan with it; the equivalent
  // OR form was applied as a filter after scanning every earlier row (786 ms vs 0.2 ms mid-way
  // through 1 M keys, EXPLAIN ANALYZE in e2e/bench).
  if (after) conds.push(sql`(${keys.createdAt}, ${keys.id}) > (${ph("afterCreatedAt")}::bigint, ${ph("afterId")}::text)`);
  if (named) conds.push(sql`${keys.name} ilike ${ph("namePattern")}::text`);
  return db
    .select(PORTAL_KEY_COLUMNS)
    .from(keys)
    .innerJoin(apis, eq(apis.id, keys.apiId))
    .leftJoin(successor, and(eq(successor.id, keys.replacedBy), eq(successor.identityId, keys.identityId), isNull(successor.deletedAt)))
    .where(and(...conds))
    .orderBy(asc(keys.createdAt), asc(keys.id))
    .limit(ph("limit"))
    .prepare(`portal_own_keys_${variant.replace(":", "_")}`);
}

/** Serialises key creation per end user for the rest of the transaction (the key cap check). */
export async function lockIdentity(tx: Tx, workspaceId: string, identityId: string): Promise<void> {
  await tx
    .select({ id: identities.id })
    .from(identities)
    .where(and(eq(identities.id, identityId), eq(identities.workspaceId, workspaceId)))
    .for("update");
}

/**
 * Keys of an end user in these APIs that still count against the cap: not deleted, not expired.
 * A reroll chain counts once: a key in its grace period and its successors are one key
 * (docs/security.md "Rerolls never add spending power").
 */
export async function countLiveKeys(db: Db | Tx, p: { workspaceId: string; identityId: string; apiIds: string[]; at: number }): Promise<number> {
  if (p.apiIds.length === 0) return 0;
  const rows = await db
    .select({ n: countDistinct(sql`coalesce(${keys.lineageId}, ${keys.id})`) })
    .from(keys)
    .where(
      and(
        eq(keys.workspaceId, p.workspaceId),
        eq(keys.identityId, p.identityId),
        inArray(keys.apiId, p.apiIds),
        isNull(keys.deletedAt),
        or(isNull(keys.expiresAt), gt(keys.expiresAt, p.at)),
      ),
    );
  return rows[0]?.n ?? 0;
}

type BucketQuery = { workspaceId: string; identityId: string; apiIds: string[]; keyId?: string; start: number; end: number; bucketMs: number };
type BucketRow = { bucket: number; outcome: VerificationOutcome; n: number };

const HOUR = 3_600_000;

/**
 * Verification counts per (bucket start, outcome) for one end user in [start, end). Hour and day
 * buckets read whole hours from verification_rollups (a few rows per key and hour, instead of every
 * event: 30 days over 10 M events went from seconds to milliseconds) and only the partial hours at
 * either edge of the window from raw events, so the counts are exactly those of the events. Minute
 * buckets (windows of at most 2 h) always read raw events.
 */
export async function verificationBuckets(db: Db | Tx, p: BucketQuery): Promise<BucketRow[]> {
  if (p.apiIds.length === 0) return [];
  const hStart = Math.ceil(p.start / HOUR) * HOUR;
  const hEnd = Math.floor(p.end / HOUR) * HOUR;
  if (p.bucketMs < HOUR || p.bucketMs % HOUR !== 0 || hStart >= hEnd) return rawBuckets(db, p);
  const parts = await Promise.all([
    hStart > p.start ? rawBuckets(db, { ...p, end: hStart }) : [],
    rollupBuckets(db, { ...p, start: hStart, end: hEnd }),
    p.end > hEnd ? rawBuckets(db, { ...p, start: hEnd }) : [],
  ]);
  const sums = new Map<string, BucketRow>();
  for (const r of parts.flat()) {
    const k = `${r.bucket}:${r.outcome}`;
    const prev = sums.get(k);
    if (prev) prev.n += r.n;
    else sums.set(k, { ...r });
  }
  return [...sums.values()];
}

async function rawBuckets(db: Db | Tx, p: BucketQuery): Promise<BucketRow[]> {
  const bucket = sql<number>`(${verificationEvents.time} / ${p.bucketMs}::bigint) * ${p.bucketMs}::bigint`.mapWith(Number);
  return db
    .select({ bucket, outcome: verificationEvents.outcome, n: sql<number>`count(*)`.mapWith(Number) })
    .from(verificationEvents)
    .where(
      and(
        eq(verificationEvents.workspaceId, p.workspaceId),
        eq(verificationEvents.identityId, p.identityId),
        inArray(verificationEvents.apiId, p.apiIds),
        p.keyId === undefined ? undefined : eq(verificationEvents.keyId, p.keyId),
        gte(verificationEvents.time, p.start),
        lt(verificationEvents.time, p.end),
      ),
    )
    .groupBy(sql`1`, verificationEvents.outcome);
}

type Rollup = typeof verificationRollups | typeof verificationIdentityRollups;

/** Rollup columns by outcome; `total` is their sum, so it is not read. */
function rollupColumns(t: Rollup): Record<VerificationOutcome, Column> {
  return {
    VALID: t.valid,
    RATE_LIMITED: t.rateLimited,
    INSUFFICIENT_PERMISSIONS: t.insufficientPermissions,
    FORBIDDEN: t.forbidden,
    DISABLED: t.disabled,
    EXPIRED: t.expired,
    USAGE_EXCEEDED: t.usageExceeded,
    NOT_FOUND: t.notFound,
  };
}
const OUTCOMES = Object.keys(rollupColumns(verificationRollups)) as VerificationOutcome[];

/**
 * [start, end) must be whole hours. With `keyId` the per-key rollup, otherwise the per-user one
 * (one row per API and hour however many keys the user has).
 */
async function rollupBuckets(db: Db | Tx, p: BucketQuery): Promise<BucketRow[]> {
  const t: Rollup = p.keyId === undefined ? verificationIdentityRollups : verificationRollups;
  const cols = rollupColumns(t);
  const bucket = sql<number>`(${t.hour} / ${p.bucketMs}::bigint) * ${p.bucketMs}::bigint`.mapWith(Number);
  const sums = Object.fromEntries(OUTCOMES.map((o) => [o, sql<number>`sum(${cols[o]})`.mapWith(Number)])) as Record<VerificationOutcome, ReturnType<typeof sql<number>>>;
  const rows = await db
    .select({ bucket, ...sums })
    .from(t)
    .where(
      and(
        eq(t.workspaceId, p.workspaceId),
        eq(t.identityId, p.identityId),
        inArray(t.apiId, p.apiIds),
        p.keyId === undefined ? undefined : eq(verificationRollups.keyId, p.keyId),
        gte(t.hour, p.start),
        lt(t.hour, p.end),
      ),
    )
    .groupBy(sql`1`);
  return rows.flatMap((r) => OUTCOMES.filter((o) => r[o] > 0).map((o) => ({ bucket: r.bucket, outcome: o, n: r[o] })));
}
