import { eq } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, openDatabase, setDbHandle } from "@/db/client";
import { keys, verificationEvents } from "@/db/schema";
import { codeOf, seedPortal } from "@/lib/testing/portal-fixtures";
import { assertRerollInvariant } from "@/lib/testing/reroll-invariant";
import { expectError } from "@/lib/testing/expect-error";
import { post, seedWorkspace } from "@/lib/testing/fixtures";
import { startTcpProxy, type TcpProxy } from "@/lib/testing/tcp-proxy";
import { startTestServer, type TestServer } from "@/lib/testing/test-server";
import { flushVerificationEvents } from "@/lib/verification/record-event";

const url = process.env.DATABASE_URL;
const UNAVAILABLE = /\/docs\/errors\/unkey\/application\/service_unavailable$/;

/**
 * Database faults beyond lib/api/database-faults.test.ts: the portal plane while Postgres is
 * unreachable, verification events buffered across an outage, and a connection cut in the middle
 * of a batch of rerolls. Keyport reaches Postgres through a TCP proxy the test cuts and restores.
 */
describe.skipIf(!url)("database cut (postgres)", () => {
  let proxy: TcpProxy;
  let handle: DbHandle;
  let server: TestServer;
  let admin: postgres.Sql;
  let direct: postgres.Sql;
  const name = `keyport_t_cut_${process.pid}`;
  let rootKey: string;
  let workspaceId: string;
  let apiId: string;

  const until200 = async (attempt: () => Promise<{ status: number }>, ms = 10_000) => {
    const deadline = Date.now() + ms;
    let status = 0;
    while (Date.now() < deadline) {
      status = (await attempt()).status;
      if (status === 200) return Date.now();
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`no recovery within ${ms} ms (last status ${status})`);
  };

  beforeAll(async () => {
    admin = postgres(url ?? "", { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`create database "${name}"`);
    const target = new URL(url ?? "");
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const viaProxy = new URL(url ?? "");
    viaProxy.hostname = "127.0.0.1";
    viaProxy.port = String(proxy.port);
    viaProxy.pathname = `/${name}`;
    handle = await openDatabase({ url: viaProxy.toString(), poolSize: 6 });
    setDbHandle(handle);
    const directUrl = new URL(url ?? "");
    directUrl.pathname = `/${name}`;
    direct = postgres(directUrl.toString(), { max: 2, onnotice: () => {} });
    server = await startTestServer();
    ({ rootKey, workspaceId } = await seedWorkspace());
    apiId = (await post(server.url, "/v2/apis.createApi", { name: "faulty" }, rootKey)).body.data.apiId;
    await seedPortal(workspaceId, { slug: "my-portal", apiIds: [apiId] });
  });

  afterAll(async () => {
    await flushVerificationEvents().catch(() => {});
    await server.close();
    await handle.close().catch(() => {});
    await proxy.close();
    await direct.end();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  });

  it("portal plane down: createSession, exchange, portal.listKeys (Bearer and cookie) and verifyKey answer 503 within 2 s, then recover within 10 s", async () => {
    const created = await post(server.url, "/v2/portal.createSession", { slug: "my-portal", externalId: "user_1", permissions: ["api.*.read_key"] }, rootKey);
    const live = await post(server.url, "/v2/portal.exchangeCode", { code: codeOf(created.body.data.url) });
    expect(live.status, live.text).toBe(200);
    const pending = await post(server.url, "/v2/portal.createSession", { slug: "my-portal", externalId: "user_1", permissions: ["api.*.read_key"] }, rootKey);
    const pendingCode = codeOf(pending.body.data.url);
    const cookie = live.headers.getSetCookie()[0]?.split(";")[0] ?? "";
    const { key } = (await post(server.url, "/v2/keys.createKey", { apiId, externalId: "user_1" }, rootKey)).body.data;

    await proxy.cut();
    const started = performance.now();
    const results = await Promise.all([
      post(server.url, "/v2/portal.createSession", { slug: "my-portal", externalId: "user_2", permissions: ["api.*.read_key"] }, rootKey),
      post(server.url, "/v2/portal.exchangeCode", { code: pendingCode }),
      post(server.url, "/v2/portal.listKeys", {}, live.body.data.accessToken),
      post(server.url, "/v2/portal.listKeys", {}, undefined, { Cookie: cookie }),
      post(server.url, "/v2/keys.verifyKey", { key }, rootKey),
    ]);
    const elapsed = performance.now() - started;
    for (const res of results) {
      expect(res.status, res.text).toBe(503);
      expect(res.body.error.type).toMatch(UNAVAILABLE);
      expect(res.text).not.toMatch(/select|ECONN|postgres|\.ts:\d/i);
    }
    expect(elapsed).toBeLessThan(2000);

    await proxy.restore();
    await until200(() => post(server.url, "/v2/portal.listKeys", {}, live.body.data.accessToken));
    // The code whose redemption failed during the outage is still redeemable (nothing half-done).
    const redeemed = await post(server.url, "/v2/portal.exchangeCode", { code: pendingCode });
    expect(redeemed.status, redeemed.text).toBe(200);
    expect((await post(server.url, "/v2/keys.verifyKey", { key }, rootKey)).body.data.valid).toBe(true);
  });

  it("verification events buffered when the database goes away are written once it is back (none lost, none doubled)", async () => {
    const { key, keyId } = (await post(server.url, "/v2/keys.createKey", { apiId, externalId: "user_ev" }, rootKey)).body.data;
    const verified = await Promise.all(Array.from({ length: 30 }, () => post(server.url, "/v2/keys.verifyKey", { key }, rootKey)));
    for (const r of verified) expect(r.body.data.valid).toBe(true);
    // Cut before the 250 ms flush: the batch fails and is kept for later.
    await proxy.cut();
    await flushVerificationEvents().catch(() => {});
    await new Promise((r) => setTimeout(r, 1500)); // the background retry fails too — without an unhandled rejection
    await proxy.restore();
    const deadline = Date.now() + 10_000;
    let rows = 0;
    while (Date.now() < deadline) {
      await flushVerificationEvents().catch(() => {});
      rows = (await direct`select count(*)::int as n from verification_events where key_id = ${keyId}`)[0]?.n ?? 0;
      if (rows >= 30) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(rows).toBe(30);
    const viaOrm = await handle.db.select().from(verificationEvents).where(eq(verificationEvents.keyId, keyId));
    expect(viaOrm).toHaveLength(30);
  });

  it("a connection cut in the middle of 24 rerolls leaves each key either untouched or replaced by exactly one live successor", async () => {
    const made = [];
    for (let i = 0; i < 24; i++) made.push((await post(server.url, "/v2/keys.createKey", { apiId, externalId: "user_rr", name: `k${i}` }, rootKey)).body.data as { keyId: string; key: string });
    // No buffered event flush may commit during the batch: the cut below counts the rerolls' COMMITs.
    await flushVerificationEvents();
    // Once Postgres has acknowledged three COMMITs, the next bytes Keyport sends it are dropped and
    // every connection reset. (Bytes, not a COMMIT: the driver sends a prepared COMMIT by name, so its
    // text is not on the wire.) 21 rerolls are still to run then, so the cut always lands mid-batch.
    let acknowledged = 0;
    const stopCounting = proxy.onServerData((chunk) => {
      for (let at = chunk.indexOf("COMMIT\0"); at >= 0; at = chunk.indexOf("COMMIT\0", at + 1)) acknowledged++;
    });
    let cutAt: number | undefined;
    let acknowledgedAtCut = 0;
    void proxy.cutOn(() => acknowledged >= 3).then(() => {
      cutAt = performance.now();
      acknowledgedAtCut = acknowledged;
    });
    let results: Awaited<ReturnType<typeof post>>[];
    try {
      results = await Promise.all(made.map((k) => post(server.url, "/v2/keys.rerollKey", { keyId: k.keyId, expiration: 0 }, rootKey)));
    } finally {
      stopCounting();
      proxy.disarm();
      await proxy.restore();
    }
    // The fault happened, after three rerolls had committed.
    expect(acknowledgedAtCut, "the cut never landed").toBeGreaterThanOrEqual(3);
    // No request hangs on a dead database (wall-clock, so a bound: the driver notices a reset at once).
    expect(performance.now() - cutAt!).toBeLessThan(2000);
    await until200(() => post(server.url, "/v2/apis.getApi", { apiId }, rootKey));

    const statuses = results.map((r) => r.status);
    for (const r of results) if (r.status !== 200) expectError(r, 503, "unkey/application/service_unavailable");
    // Rerolls still to run when the connections were reset answered 503.
    expect(statuses.filter((s) => s === 503).length, JSON.stringify(statuses)).toBeGreaterThanOrEqual(1);
    const rows = await direct`select id, replaced_by, deleted_at from keys where workspace_id = ${workspaceId}`;
    const byId = new Map(rows.map((r) => [r.id as string, r]));
    let replaced = 0;
    for (const [i, k] of made.entries()) {
      const old = byId.get(k.keyId);
      expect(old, `${k.keyId} is gone`).toMatchObject({ id: k.keyId });
      const successors = rows.filter((r) => r.id !== k.keyId && r.id === old?.replaced_by);
      if (old?.replaced_by) {
        replaced++;
        expect(successors, `${k.keyId}'s successor is missing`).toHaveLength(1);
        expect(old.deleted_at, `${k.keyId} replaced but live`).not.toBeNull();
        expect(successors[0]?.deleted_at).toBeNull();
      } else {
        expect(old?.deleted_at, `${k.keyId} neither replaced nor live`).toBeNull();
        // An untouched key still verifies; a 200 must never be reported for it.
        expect(results[i]?.status).not.toBe(200);
        expect((await post(server.url, "/v2/keys.verifyKey", { key: k.key }, rootKey)).body.data.valid).toBe(true);
      }
      if (results[i]?.status === 200) {
        expect(old?.replaced_by).toBe(results[i]?.body.data.keyId);
        expect((await post(server.url, "/v2/keys.verifyKey", { key: results[i]?.body.data.key }, rootKey)).body.data.valid).toBe(true);
      }
    }
    // No orphan: every key of this user that is not one of the originals is somebody's successor.
    const originals = new Set(made.map((k) => k.keyId));
    const successorIds = new Set(rows.map((r) => r.replaced_by).filter(Boolean));
    for (const r of rows) {
      const [row] = await handle.db.select().from(keys).where(eq(keys.id, r.id as string));
      if (row?.name?.startsWith("k") && !originals.has(row.id)) expect(successorIds.has(row.id), `orphan key ${row.id}`).toBe(true);
    }
    await assertRerollInvariant(handle.db, workspaceId);
    // ...and both sides are in the database: every acknowledged reroll replaced its key; beyond those,
    // only COMMITs already on their way could land, at most one per pooled connection (6).
    expect(replaced).toBeGreaterThanOrEqual(acknowledgedAtCut);
    expect(replaced).toBeLessThanOrEqual(acknowledgedAtCut + 6);
    expect(made.length - replaced, "every reroll committed: the cut came after the batch").toBeGreaterThanOrEqual(1);
  });
});
