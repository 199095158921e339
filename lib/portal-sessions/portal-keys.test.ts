import { randomUUID } from "node:crypto";
import { Unkey } from "@unkey/api";
import { and, eq, isNull, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { insertVerificationEvents } from "@/db/queries/events";
import { auditLog, identities, keys, verificationIdentityRollups, verificationRollups } from "@/db/schema";
import { advanceClock, now, resetClock } from "@/lib/clock";
import { openSession, seedApi, seedPortal } from "@/lib/testing/portal-fixtures";
import { expectError } from "@/lib/testing/expect-error";
import { post, seedWorkspace } from "@/lib/testing/fixtures";
import { BACKENDS } from "@/lib/testing/test-db";
import { useTestApp } from "@/lib/testing/test-app";
import { flushVerificationEvents, recordVerification } from "@/lib/verification/record-event";

const ORIGIN = { Origin: "http://localhost:3000" };
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const ALL = ["read_key", "create_key", "reroll_key", "update_key", "delete_key", "read_analytics"].map((a) => `api.*.${a}`);
type Res = Awaited<ReturnType<typeof post>>;

type Counts = Partial<Record<(typeof OUTCOME_FIELDS)[number], number>>;
const OUTCOME_FIELDS = ["total", "valid", "rateLimited", "insufficientPermissions", "forbidden", "disabled", "expired", "usageExceeded"] as const;

/**
 * The whole answer getVerifications owes for [startTime, endTime): one bucket per `size` from the
 * bucket holding startTime (UTC-aligned) to the last one starting before endTime, every count
 * present, zero unless `counts` (by bucket time) says otherwise.
 */
function buckets(startTime: number, endTime: number, size: number, counts: Record<number, Counts> = {}) {
  const out = [];
  for (let time = Math.floor(startTime / size) * size; time < endTime; time += size) {
    out.push({ time, ...Object.fromEntries(OUTCOME_FIELDS.map((f) => [f, counts[time]?.[f] ?? 0])) });
  }
  return out;
}

function rowsOf<T>(res: unknown): T[] {
  return Array.isArray(res) ? (res as T[]) : (res as { rows: T[] }).rows;
}

describe.each(BACKENDS)("portal key endpoints on %s", (backend) => {
  const app = useTestApp(backend);
  let rootKey: string;
  let workspaceId: string;
  let api1: string;
  let api2: string;
  let outside: string;
  let mine: { keyId: string; key: string }[];
  let theirs: { keyId: string; key: string };
  let mineOutside: { keyId: string; key: string };

  async function createKey(apiId: string, externalId: string, name: string) {
    const res = await post(app.url, "/v2/keys.createKey", { apiId, externalId, name }, rootKey);
    expect(res.status, res.text).toBe(200);
    return res.body.data as { keyId: string; key: string };
  }
  const session = (externalId: string, permissions = ALL, extra: Record<string, unknown> = {}) =>
    openSession(app.url, rootKey, { slug: "my-portal", externalId, permissions, ...extra });
  const call = (path: string, body: unknown, token: string) => post(app.url, `/v2/portal.${path}`, body, token);
  const liveKeysOf = async (externalId: string) => {
    const rows = await app.db.db
      .select({ id: keys.id })
      .from(keys)
      .innerJoin(identities, eq(identities.id, keys.identityId))
      .where(and(eq(identities.externalId, externalId), isNull(keys.deletedAt)));
    return rows.length;
  };

  beforeAll(async () => {
    ({ rootKey, workspaceId } = await seedWorkspace());
    api1 = await seedApi(workspaceId, "one");
    api2 = await seedApi(workspaceId, "two");
    outside = await seedApi(workspaceId, "outside");
    await seedPortal(workspaceId, {
      slug: "my-portal",
      apiIds: [api1, api2],
      maxKeys: 5,
      keyTemplate: { prefix: "acme", byteLength: 24, credits: { remaining: 100 }, defaultExpiryMs: 30 * DAY },
    });
    mine = [await createKey(api1, "user_123", "alpha"), await createKey(api1, "user_123", "beta"), await createKey(api2, "user_123", "gamma")];
    theirs = await createKey(api1, "user_456", "theirs");
    mineOutside = await createKey(outside, "user_123", "outside");
  });
  afterEach(() => resetClock());

  describe("portal.listKeys", () => {
    it("lists only the end user's keys in the portal's APIs, in Unkey's KeyResponseData shape", async () => {
      const s = await session("user_123");
      const res = await call("listKeys", { limit: 100 }, s.token);
      expect(res.status, res.text).toBe(200);
      expect(res.body.data.map((k: { keyId: string }) => k.keyId)).toEqual(mine.map((k) => k.keyId));
      expect(res.body.pagination).toEqual({ hasMore: false });
      const first = res.body.data[0];
      expect(first).toMatchObject({ keyId: mine[0]?.keyId, name: "alpha", enabled: true });
      // The portal's view of a key: no identity, no permissions (docs/security.md "What the portal shows").
      expect(first).not.toHaveProperty("identity");
      expect(first).not.toHaveProperty("permissions");
      expect(first.start).toBe(mine[0]?.key.slice(0, first.start.length));
      expect(JSON.stringify(res.body)).not.toContain(mine[0]?.key);
      expect(first).not.toHaveProperty("hash");
    });

    it("pages with a cursor, filters by name, and narrows to the APIs the session may read", async () => {
      const s = await session("user_123");
      const p1 = await call("listKeys", { limit: 2 }, s.token);
      expect(p1.body.data).toHaveLength(2);
      expect(p1.body.pagination.hasMore).toBe(true);
      const p2 = await call("listKeys", { limit: 2, cursor: p1.body.pagination.cursor }, s.token);
      expect(p2.body.data.map((k: { keyId: string }) => k.keyId)).toEqual([mine[2]?.keyId]);
      expect(p2.body.pagination).toEqual({ hasMore: false });
      expectError(await call("listKeys", { cursor: "garbage" }, s.token), 400, "unkey/application/invalid_input");
      const named = await call("listKeys", { nameContains: "ET" }, s.token);
      expect(named.body.data.map((k: { name: string }) => k.name)).toEqual(["beta"]);
      const narrow = await session("user_123", [`api.${api2}.read_key`]);
      expect((await call("listKeys", {}, narrow.token)).body.data.map((k: { keyId: string }) => k.keyId)).toEqual([mine[2]?.keyId]);
    });

    it("an end user with no identity yet sees an empty list", async () => {
      const s = await session("user_new");
      const res = await call("listKeys", {}, s.token);
      expect(res.body.data).toEqual([]);
      expect(res.body.pagination).toEqual({ hasMore: false });
    });

    it("403 without read_key; a root key gets the seed's 401 portal_token_missing", async () => {
      const s = await session("user_123", ["api.*.read_analytics"]);
      expectError(await call("listKeys", {}, s.token), 403, "unkey/authorization/insufficient_permissions");
      const res = await post(app.url, "/v2/portal.listKeys", {}, rootKey);
      expectError(res, 401, "unkey/authentication/portal_token_missing");
      expect(res.body.error.title).toBe("Unauthorized");
      expect(res.body.error.detail).toMatch(/root keys cannot call portal endpoints/i);
    });
  });

  describe("portal.rerollKey", () => {
    it("rerolls an own key: a new key with the same prefix and name; the old one lives `expiration` ms", async () => {
      const k = await createKey(api1, "user_rr", "to-roll");
      const s = await session("user_rr");
      const res = await call("rerollKey", { keyId: k.keyId, expiration: HOUR }, s.token);
      expect(res.status, res.text).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.body.data.keyId).not.toBe(k.keyId);
      const verifyOld = await post(app.url, "/v2/keys.verifyKey", { key: k.key }, rootKey);
      expect(verifyOld.body.data.valid).toBe(true);
      advanceClock(HOUR + 1000);
      expect((await post(app.url, "/v2/keys.verifyKey", { key: k.key }, rootKey)).body.data.code).toBe("EXPIRED");
      expect((await post(app.url, "/v2/keys.verifyKey", { key: res.body.data.key }, rootKey)).body.data.valid).toBe(true);
      const audit = await app.db.db.select().from(auditLog).where(and(eq(auditLog.resourceId, k.keyId), eq(auditLog.event, "key.reroll")));
      expect(audit.map((a) => [a.actorType, a.actorId])).toEqual([["portal_user", "user_rr"]]);
    });

    it("listKeys names a rolled key's successor while it is the user's live key; the successor carries no relation", async () => {
      const k = await createKey(api1, "user_lineage", "Staging");
      const s = await session("user_lineage");
      const rolled = (await call("rerollKey", { keyId: k.keyId, expiration: HOUR }, s.token)).body.data;
      const list = async () => (await call("listKeys", {}, s.token)).body.data as { keyId: string; start: string; expires?: number; replaced?: unknown }[];
      const [old, fresh] = await list();
      expect(old?.keyId).toBe(k.keyId);
      expect(old?.replaced).toEqual({ by: { keyId: rolled.keyId, start: fresh?.start } });
      expect(fresh?.start).toBe(rolled.key.slice(0, fresh?.start.length));
      expect(fresh).not.toHaveProperty("replaced");
      expect(old?.expires).toBeGreaterThan(now());

      // Moved to another user by the company's backend: still rolled, but the successor is not named.
      await post(app.url, "/v2/keys.updateKey", { keyId: rolled.keyId, externalId: "user_other" }, rootKey);
      expect((await list()).map((x) => x.replaced)).toEqual([{}]);
      // Revoked: likewise.
      await post(app.url, "/v2/keys.updateKey", { keyId: rolled.keyId, externalId: "user_lineage" }, rootKey);
      expect((await call("deleteKey", { keyId: rolled.keyId }, s.token)).status).toBe(200);
      expect((await list()).map((x) => x.replaced)).toEqual([{}]);
    });

    it("404 key_not_found for another user's key, a key outside the portal, or an unknown id", async () => {
      const s = await session("user_123");
      for (const keyId of [theirs.keyId, mineOutside.keyId, "key_nope"]) {
        expectError(await call("rerollKey", { keyId, expiration: 0 }, s.token), 404, "unkey/data/key_not_found");
      }
      expect((await post(app.url, "/v2/keys.verifyKey", { key: theirs.key }, rootKey)).body.data.valid).toBe(true);
    });

    it("400 for expiration over 24 h; 403 without reroll_key", async () => {
      const s = await session("user_123");
      const res = await call("rerollKey", { keyId: mine[0]?.keyId, expiration: DAY + 1 }, s.token);
      expectError(res, 400, "unkey/application/invalid_input");
      expect(res.body.error.errors[0].location).toBe("body.expiration");
      const ro = await session("user_123", ["api.*.read_key"]);
      expectError(await call("rerollKey", { keyId: mine[0]?.keyId, expiration: 0 }, ro.token), 403, "unkey/authorization/insufficient_permissions");
    });

    it("20 parallel rerolls of one key → exactly one new key", async () => {
      const k = await createKey(api1, "user_race", "race");
      const s = await session("user_race");
      const before = await liveKeysOf("user_race");
      const results = await Promise.all(Array.from({ length: 20 }, () => call("rerollKey", { keyId: k.keyId, expiration: HOUR }, s.token)));
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      for (const r of results.filter((x) => x.status !== 200)) expect(r.status).toBe(409);
      expect(await liveKeysOf("user_race")).toBe(before + 1);
    });

    it("cross-site POST with the sealed cookie is refused; Bearer passes", async () => {
      const k = await createKey(api1, "user_csrf", "csrf");
      const s = await session("user_csrf");
      const evil = await post(app.url, "/v2/portal.rerollKey", { keyId: k.keyId, expiration: 0 }, undefined, { Cookie: s.cookie, Origin: "https://evil.example" });
      expectError(evil, 403, "unkey/authorization/forbidden");
      expect((await post(app.url, "/v2/keys.verifyKey", { key: k.key }, rootKey)).body.data.valid).toBe(true);
      const same = await post(app.url, "/v2/portal.rerollKey", { keyId: k.keyId, expiration: 0 }, undefined, { Cookie: s.cookie, ...ORIGIN });
      expect(same.status, same.text).toBe(200);
      const bearer = await post(app.url, "/v2/portal.rerollKey", { keyId: same.body.data.keyId, expiration: 0 }, s.token, { Origin: "https://evil.example" });
      expect(bearer.status, bearer.text).toBe(200);
    });
  });

  describe("portal.getVerifications", () => {
    let keyA: { keyId: string; key: string };
    let keyB: { keyId: string; key: string };
    let other: { keyId: string; key: string };
    const base = Date.UTC(2030, 0, 1);

    beforeAll(async () => {
      keyA = await createKey(api1, "user_an", "a");
      keyB = await createKey(api2, "user_an", "b");
      other = await createKey(api1, "user_an_other", "o");
      const [idA] = await app.db.db.select().from(identities).where(eq(identities.externalId, "user_an"));
      const [idO] = await app.db.db.select().from(identities).where(eq(identities.externalId, "user_an_other"));
      const ev = (time: number, keyId: string, apiId: string, identityId: string, outcome: "VALID" | "RATE_LIMITED" | "EXPIRED" | "USAGE_EXCEEDED" | "DISABLED" | "INSUFFICIENT_PERMISSIONS") => ({
        time,
        workspaceId,
        apiId,
        keyId,
        identityId,
        outcome,
      });
      await insertVerificationEvents(app.db.db, randomUUID(), [
        ev(base + 5 * MIN + 1, keyA.keyId, api1, idA!.id, "VALID"),
        ev(base + 5 * MIN + 2, keyA.keyId, api1, idA!.id, "VALID"),
        ev(base + 5 * MIN + 3, keyA.keyId, api1, idA!.id, "RATE_LIMITED"),
        ev(base + 7 * MIN, keyB.keyId, api2, idA!.id, "USAGE_EXCEEDED"),
        ev(base + 3 * HOUR, keyA.keyId, api1, idA!.id, "EXPIRED"),
        ev(base + 2 * DAY, keyB.keyId, api2, idA!.id, "DISABLED"),
        ev(base + 5 * MIN, other.keyId, api1, idO!.id, "VALID"),
        ev(base - 1, keyA.keyId, api1, idA!.id, "VALID"),
      ]);
    });

    it("minute buckets up to 2 h, zero-filled, startTime inclusive and endTime exclusive", async () => {
      const s = await session("user_an");
      const res = await call("getVerifications", { startTime: base, endTime: base + HOUR }, s.token);
      expect(res.status, res.text).toBe(200);
      // Every one of the 60 minutes, empty ones included; the other user's event and the one before
      // startTime are in none of them.
      expect(res.body.data).toEqual(
        buckets(base, base + HOUR, MIN, {
          [base + 5 * MIN]: { total: 3, valid: 2, rateLimited: 1 },
          [base + 7 * MIN]: { total: 1, usageExceeded: 1 },
        }),
      );
      // endTime is exclusive: the minute holding base + 5 min is listed, its events (from + 1 ms) are not.
      const exclusive = await call("getVerifications", { startTime: base, endTime: base + 5 * MIN + 1 }, s.token);
      expect(exclusive.body.data).toEqual(buckets(base, base + 5 * MIN + 1, MIN));
    });

    it("hour buckets up to 7 d, day buckets beyond, UTC-aligned", async () => {
      const s = await session("user_an");
      // A day from base + 30 min: 24 hour buckets, the first starting at base (UTC-aligned), and only
      // events from startTime on (the minute-5 and minute-7 ones are before it).
      const hours = await call("getVerifications", { startTime: base + 30 * MIN, endTime: base + DAY }, s.token);
      expect(hours.body.data).toEqual(buckets(base + 30 * MIN, base + DAY, HOUR, { [base + 3 * HOUR]: { total: 1, expired: 1 } }));
      const days = await call("getVerifications", { startTime: base, endTime: base + 30 * DAY }, s.token);
      expect(days.body.data).toEqual(
        buckets(base, base + 30 * DAY, DAY, {
          [base]: { total: 5, valid: 2, rateLimited: 1, usageExceeded: 1, expired: 1 },
          [base + 2 * DAY]: { total: 1, disabled: 1 },
        }),
      );
      // Exactly 7 days is still hourly: 168 buckets.
      const week = await call("getVerifications", { startTime: base, endTime: base + 7 * DAY }, s.token);
      expect(week.body.data).toEqual(
        buckets(base, base + 7 * DAY, HOUR, {
          [base]: { total: 4, valid: 2, rateLimited: 1, usageExceeded: 1 },
          [base + 3 * HOUR]: { total: 1, expired: 1 },
          [base + 2 * DAY]: { total: 1, disabled: 1 },
        }),
      );
    });

    it("keyId narrows to one own key; another user's key is 404", async () => {
      const s = await session("user_an");
      const res = await call("getVerifications", { startTime: base, endTime: base + HOUR, keyId: keyB.keyId }, s.token);
      expect(res.body.data).toEqual(buckets(base, base + HOUR, MIN, { [base + 7 * MIN]: { total: 1, usageExceeded: 1 } }));
      expectError(await call("getVerifications", { startTime: base, endTime: base + HOUR, keyId: other.keyId }, s.token), 404, "unkey/data/key_not_found");
    });

    it("400 for endTime ≤ startTime and for a window over 90 days; 403 without read_analytics", async () => {
      const s = await session("user_an");
      expectError(await call("getVerifications", { startTime: base, endTime: base }, s.token), 400, "unkey/application/invalid_input");
      expectError(await call("getVerifications", { startTime: base, endTime: base - 1 }, s.token), 400, "unkey/application/invalid_input");
      expectError(await call("getVerifications", { startTime: base, endTime: base + 90 * DAY + 1 }, s.token), 400, "unkey/application/invalid_input");
      expect((await call("getVerifications", { startTime: base, endTime: base + 90 * DAY }, s.token)).body.data).toEqual(
        buckets(base, base + 90 * DAY, DAY, {
          [base]: { total: 5, valid: 2, rateLimited: 1, usageExceeded: 1, expired: 1 },
          [base + 2 * DAY]: { total: 1, disabled: 1 },
        }),
      );
      const ro = await session("user_an", ["api.*.read_key"]);
      expectError(await call("getVerifications", { startTime: base, endTime: base + HOUR }, ro.token), 403, "unkey/authorization/insufficient_permissions");
    });

    it("hour and day buckets come from the hourly rollup and equal the raw event counts", async () => {
      const k1 = await createKey(api1, "user_rollup", "r1");
      const k2 = await createKey(api2, "user_rollup", "r2");
      const [id] = await app.db.db.select().from(identities).where(eq(identities.externalId, "user_rollup"));
      const start = Date.UTC(2031, 5, 1);
      const outcomes = ["VALID", "VALID", "RATE_LIMITED", "EXPIRED", "USAGE_EXCEEDED", "INSUFFICIENT_PERMISSIONS", "DISABLED", "FORBIDDEN"] as const;
      // Across five hours and two UTC days, in two flushes so the second one upserts onto existing rollup rows.
      for (let i = 0; i < 120; i++) {
        const k = i % 3 === 0 ? k2 : k1;
        const apiId = k === k2 ? api2 : api1;
        recordVerification({ time: start - 2 * HOUR + i * 2 * MIN + (i % 7), workspaceId, apiId, keyId: k.keyId, identityId: id!.id, outcome: outcomes[i % outcomes.length]! });
        if (i === 60) await flushVerificationEvents();
      }
      await flushVerificationEvents();
      const rollups = await app.db.db.select().from(verificationRollups).where(eq(verificationRollups.identityId, id!.id));
      expect(rollups.reduce((n, r) => n + r.total, 0)).toBe(120);
      expect(new Set(rollups.map((r) => r.hour)).size).toBe(4);
      const perUser = await app.db.db.select().from(verificationIdentityRollups).where(eq(verificationIdentityRollups.identityId, id!.id));
      expect(perUser.reduce((n, r) => n + r.total, 0)).toBe(120);
      expect(perUser).toHaveLength(8); // 4 hours × 2 APIs

      const s = await session("user_rollup");
      // Not hour-aligned at either end: the edges come from raw events, the whole hours from the rollup.
      const win = { startTime: start - 2 * HOUR + 17 * MIN + 3, endTime: start + 2 * HOUR - 11 * MIN };
      const raw = async (from: number, to: number, bucket: number, keyId?: string) =>
        rowsOf<{ b: string | number; outcome: string; n: string | number }>(
          await app.db.db.execute(
            sql`select (time / ${bucket}::bigint) * ${bucket}::bigint as b, outcome, count(*) as n from verification_events
                where workspace_id = ${workspaceId} and identity_id = ${id!.id} and time >= ${from} and time < ${to}
                ${keyId ? sql`and key_id = ${keyId}` : sql``} group by 1, 2`,
          ),
        );
      const field: Record<string, string> = { VALID: "valid", RATE_LIMITED: "rateLimited", EXPIRED: "expired", USAGE_EXCEEDED: "usageExceeded", INSUFFICIENT_PERMISSIONS: "insufficientPermissions", DISABLED: "disabled", FORBIDDEN: "forbidden" };
      const expected = (rows: { b: string | number; outcome: string; n: string | number }[]) => {
        const m = new Map<number, Record<string, number>>();
        for (const r of rows) {
          const b = m.get(Number(r.b)) ?? { total: 0 };
          b.total = (b.total ?? 0) + Number(r.n);
          b[field[r.outcome]!] = (b[field[r.outcome]!] ?? 0) + Number(r.n);
          m.set(Number(r.b), b);
        }
        return m;
      };
      for (const [bucket, w, keyId] of [
        [HOUR, win, undefined],
        [HOUR, win, k1.keyId],
        [DAY, { startTime: start - 3 * DAY + 5, endTime: start + 20 * DAY }, undefined],
      ] as const) {
        const res = await call("getVerifications", { ...w, ...(keyId ? { keyId } : {}) }, s.token);
        expect(res.status, res.text).toBe(200);
        const want = expected(await raw(w.startTime, w.endTime, bucket, keyId));
        // The events span four hours across two UTC days, all inside each window.
        expect(want.size).toBe(bucket === HOUR ? 4 : 2);
        // Every bucket of the window, zero-filled, each equal to the raw events' counts.
        expect(res.body.data).toEqual(buckets(w.startTime, w.endTime, bucket, Object.fromEntries(want)));
      }

      // Proof of the source: a change made to the rollups alone shows up in hour buckets (per user without
      // keyId, per key with it), not in minute buckets, which read raw events.
      const hour = start - HOUR;
      const before = want1(await raw(hour, hour + HOUR, HOUR, k1.keyId));
      await app.db.db.execute(sql`update verification_rollups set valid = valid + 1000, total = total + 1000 where key_id = ${k1.keyId} and hour = ${hour}`);
      await app.db.db.execute(sql`update verification_identity_rollups set valid = valid + 2000, total = total + 2000 where identity_id = ${id!.id} and api_id = ${api1} and hour = ${hour}`);
      const hourOf = (res: Res) => res.body.data.find((b: { time: number }) => b.time === hour).valid;
      expect(hourOf(await call("getVerifications", { ...win, keyId: k1.keyId }, s.token))).toBe(before + 1000);
      expect(hourOf(await call("getVerifications", win, s.token))).toBe(want1(await raw(hour, hour + HOUR, HOUR)) + 2000);
      const minutes = await call("getVerifications", { startTime: hour, endTime: hour + HOUR, keyId: k1.keyId }, s.token);
      expect(minutes.body.data.reduce((n: number, b: { valid: number }) => n + b.valid, 0)).toBe(before);
      function want1(rows: { outcome: string; n: string | number }[]) {
        return rows.filter((r) => r.outcome === "VALID").reduce((n, r) => n + Number(r.n), 0);
      }
    });

    it("counts real verifications recorded by keys.verifyKey", async () => {
      const k = await createKey(api1, "user_live", "live");
      const before = now();
      for (let i = 0; i < 3; i++) await post(app.url, "/v2/keys.verifyKey", { key: k.key }, rootKey);
      const after = now();
      await flushVerificationEvents();
      const s = await session("user_live");
      const t = now();
      const res = await call("getVerifications", { startTime: t - HOUR, endTime: t + MIN }, s.token);
      // The three landed in the minute(s) the verifications ran in (real time runs on under the offset
      // clock, so which minute is known only to that span); every other minute of the window is empty.
      const valid = (res.body.data as { time: number; valid: number; total: number }[]).filter((b) => b.total > 0);
      expect(valid.reduce((n, b) => n + b.valid, 0)).toBe(3);
      for (const b of valid) {
        expect(b.time).toBeGreaterThanOrEqual(Math.floor(before / MIN) * MIN);
        expect(b.time).toBeLessThanOrEqual(Math.floor(after / MIN) * MIN);
      }
      const counted = Object.fromEntries(valid.map((b) => [b.time, { total: b.total, valid: b.valid }]));
      expect(res.body.data).toEqual(buckets(t - HOUR, t + MIN, MIN, counted));
    });
  });

  describe("portal.createKey / updateKey / deleteKey", () => {
    it("createKey uses the portal's template and creates the identity of a new end user", async () => {
      const s = await session("user_fresh");
      const before = now();
      const res = await post(app.url, "/v2/portal.createKey", { name: "my first key" }, s.token);
      const after = now();
      expect(res.status, res.text).toBe(200);
      expect(res.body.data.key).toMatch(/^acme_/);
      const got = await post(app.url, "/v2/keys.getKey", { keyId: res.body.data.keyId }, rootKey);
      expect(got.body.data).toMatchObject({ name: "my first key", credits: { remaining: 100 }, identity: { externalId: "user_fresh" } });
      // The template's 30 days, from the server's clock read during the request (real time runs on
      // under the offset clock, so the request's span is the uncertainty).
      expect(got.body.data.expires).toBeGreaterThanOrEqual(before + 30 * DAY);
      expect(got.body.data.expires).toBeLessThanOrEqual(after + 30 * DAY);
      const listed = await call("listKeys", {}, s.token);
      expect(listed.body.data.map((k: { keyId: string }) => k.keyId)).toEqual([res.body.data.keyId]);
      const audit = await app.db.db.select().from(auditLog).where(eq(auditLog.resourceId, res.body.data.keyId));
      expect(audit.map((a) => [a.event, a.actorType, a.actorId])).toEqual([["key.create", "portal_user", "user_fresh"]]);
    });

    it("the cap of live keys holds, also under parallel creates → 403 key_limit_exceeded", async () => {
      const s = await session("user_cap");
      const results = await Promise.all(Array.from({ length: 8 }, () => post(app.url, "/v2/portal.createKey", {}, s.token)));
      expect(results.filter((r) => r.status === 200)).toHaveLength(5);
      for (const r of results.filter((x) => x.status !== 200)) expectError(r, 403, "unkey/limits/key_limit_exceeded");
      expect(await liveKeysOf("user_cap")).toBe(5);
      // Revoking one frees a slot.
      const one = results.find((r) => r.status === 200)?.body.data.keyId;
      expect((await post(app.url, "/v2/portal.deleteKey", { keyId: one }, s.token)).status).toBe(200);
      expect((await post(app.url, "/v2/portal.createKey", {}, s.token)).status).toBe(200);
    });

    it("createKey: 404 for an API outside the portal, 403 without create_key, 400 for a past expiry", async () => {
      const s = await session("user_ck");
      expectError(await post(app.url, "/v2/portal.createKey", { apiId: outside }, s.token), 404, "unkey/data/api_not_found");
      expectError(await post(app.url, "/v2/portal.createKey", { expires: now() - 1 }, s.token), 400, "unkey/application/invalid_input");
      const ro = await session("user_ck", ["api.*.read_key"]);
      expectError(await post(app.url, "/v2/portal.createKey", {}, ro.token), 403, "unkey/authorization/insufficient_permissions");
      const byApi = await post(app.url, "/v2/portal.createKey", { apiId: api2 }, s.token);
      expect(byApi.status).toBe(200);
    });

    it("updateKey renames an own key; another user's key is 404; 403 without update_key", async () => {
      const k = await createKey(api1, "user_upd", "old name");
      const s = await session("user_upd");
      const res = await post(app.url, "/v2/portal.updateKey", { keyId: k.keyId, name: "new name" }, s.token);
      expect(res.status, res.text).toBe(200);
      expect(res.body.data).toEqual({});
      expect((await post(app.url, "/v2/keys.getKey", { keyId: k.keyId }, rootKey)).body.data.name).toBe("new name");
      expectError(await post(app.url, "/v2/portal.updateKey", { keyId: theirs.keyId, name: "pwned" }, s.token), 404, "unkey/data/key_not_found");
      expect((await post(app.url, "/v2/keys.getKey", { keyId: theirs.keyId }, rootKey)).body.data.name).toBe("theirs");
      const ro = await session("user_upd", ["api.*.read_key"]);
      expectError(await post(app.url, "/v2/portal.updateKey", { keyId: k.keyId, name: "x" }, ro.token), 403, "unkey/authorization/insufficient_permissions");
    });

    it("deleteKey revokes an own key at once; another user's key is 404", async () => {
      const k = await createKey(api1, "user_del", "doomed");
      const s = await session("user_del");
      expectError(await post(app.url, "/v2/portal.deleteKey", { keyId: theirs.keyId }, s.token), 404, "unkey/data/key_not_found");
      expect((await post(app.url, "/v2/portal.deleteKey", { keyId: k.keyId }, s.token)).status).toBe(200);
      expect((await post(app.url, "/v2/keys.verifyKey", { key: k.key }, rootKey)).body.data.code).toBe("NOT_FOUND");
      expect((await post(app.url, "/v2/keys.verifyKey", { key: theirs.key }, rootKey)).body.data.valid).toBe(true);
    });
  });

  it("a preview session reads but every write is 403 forbidden and records nothing", async () => {
    const k = await createKey(api1, "user_prev", "preview-key");
    const s = await session("user_prev", ALL, { preview: true });
    expect((await call("listKeys", {}, s.token)).body.data).toHaveLength(1);
    const auditBefore = (await app.db.db.select().from(auditLog)).length;
    for (const [path, body] of [
      ["createKey", {}],
      ["rerollKey", { keyId: k.keyId, expiration: 0 }],
      ["updateKey", { keyId: k.keyId, name: "x" }],
      ["deleteKey", { keyId: k.keyId }],
    ] as const) {
      expectError(await call(path, body, s.token), 403, "unkey/authorization/forbidden");
    }
    expect((await app.db.db.select().from(auditLog)).length).toBe(auditBefore);
    expect(await liveKeysOf("user_prev")).toBe(1);
    expect((await post(app.url, "/v2/keys.verifyKey", { key: k.key }, rootKey)).body.data.valid).toBe(true);
  });

  it("isolation between workspaces: another workspace's session sees none of these keys", async () => {
    const other = await seedWorkspace("Other");
    const api = await seedApi(other.workspaceId);
    await seedPortal(other.workspaceId, { slug: "my-portal", apiIds: [api] });
    const s = await openSession(app.url, other.rootKey, { slug: "my-portal", externalId: "user_123", permissions: ALL });
    expect((await call("listKeys", {}, s.token)).body.data).toEqual([]);
    expectError(await call("rerollKey", { keyId: mine[0]?.keyId, expiration: 0 }, s.token), 404, "unkey/data/key_not_found");
    expectError(await call("deleteKey", { keyId: mine[0]?.keyId }, s.token), 404, "unkey/data/key_not_found");
  });

  it("done means: with only a root key and the official SDK — mint, exchange, list, reroll, verifications", async () => {
    const unkey = new Unkey({ rootKey, serverURL: app.url });
    const created = await unkey.portal.createSession({ portal: "my-portal", externalId: "user_123", scopes: ["keys:read", "keys:reroll", "analytics:read"] });
    const code = new URL(created.result.data.url).searchParams.get("session") as string;
    const { result } = await unkey.portal.exchangeCode({ code });
    const security = { portalSession: result.data.accessToken };
    const page = await unkey.portal.listKeys(security, {});
    const ids = page.result.data.map((k) => k.keyId);
    expect(ids).toEqual(expect.arrayContaining(mine.map((k) => k.keyId)));
    expect(ids).not.toContain(theirs.keyId);
    expect(ids).not.toContain(mineOutside.keyId);
    const rolled = await unkey.portal.rerollKey(security, { keyId: mine[1]?.keyId as string, expiration: HOUR });
    expect(rolled.data.keyId).toMatch(/^key_/);
    // The SDK still parses a list holding a key in its grace period (the additive `replaced` field).
    const relisted = (await unkey.portal.listKeys(security, {})).result.data.map((k) => k.keyId);
    expect(relisted).toEqual(expect.arrayContaining([mine[1]?.keyId, rolled.data.keyId]));
    expect((await post(app.url, "/v2/keys.verifyKey", { key: rolled.data.key }, rootKey)).body.data.valid).toBe(true);
    // An unaligned window covers every minute bucket it touches: 61 for an hour that starts mid-minute.
    const t = Math.floor(now() / MIN) * MIN + 1;
    const series = await unkey.portal.getVerifications(security, { startTime: t - HOUR, endTime: t });
    expect(series.data).toHaveLength(61);
    expect(series.data[0]?.time).toBe(t - 1 - HOUR);
    await expect(unkey.portal.rerollKey(security, { keyId: theirs.keyId, expiration: 0 })).rejects.toMatchObject({ statusCode: 404 });
  });
});
