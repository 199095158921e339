import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { insertVerificationEvents, type VerificationEventRow } from "@/db/queries/events";
import type { VerificationOutcome } from "@/db/schema";
import { createApi } from "@/lib/apis/create-api";
import { deleteApi } from "@/lib/apis/delete-api";
import { rootAuthFor } from "@/lib/auth/root-key";
import { createKey } from "@/lib/keys/create-key";
import { deleteKey } from "@/lib/keys/delete-key";
import { seedWorkspace } from "@/lib/testing/fixtures";
import { BACKENDS, openTestDatabase } from "@/lib/testing/test-db";
import { TOP_KEYS, workspaceUsage } from "@/lib/verification/workspace-usage";

const HOUR = 3_600_000;
const START = Date.UTC(2026, 10, 20);
const END = START + 24 * HOUR;

describe.each(BACKENDS)("a workspace's usage from the rollups on %s", (backend) => {
  let handle: DbHandle;
  let ws: string;
  let billing: string;
  let search: string;
  let retired: string;
  let quiet: string;
  const keyIds: string[] = [];
  let batch = 0;

  const flush = async (rows: VerificationEventRow[]) => insertVerificationEvents(handle.db, `b${batch++}`, rows);
  const events = (n: number, e: Omit<VerificationEventRow, "time" | "workspaceId" | "identityId"> & { time: number; workspaceId?: string }) =>
    Array.from({ length: n }, () => ({ identityId: null, workspaceId: ws, ...e }));

  beforeAll(async () => {
    handle = await openTestDatabase(backend);
    const a = await seedWorkspace("usage");
    ws = a.workspaceId;
    const auth = rootAuthFor({ id: a.keyId, workspaceId: ws, permissions: ["*"] });
    const api = async (name: string) => (await createApi({ db: handle.db, auth, input: { name } })).apiId;
    [billing, search, retired, quiet] = [await api("billing"), await api("search"), await api("retired"), await api("quiet")];
    for (let i = 0; i < 12; i++) {
      const apiId = i < 8 ? billing : i < 11 ? search : retired;
      keyIds.push((await createKey({ db: handle.db, auth, input: { apiId, name: `key ${i}`, byteLength: 16, enabled: true, roles: [] } })).keyId);
    }
    const k = (i: number) => keyIds[i] ?? "";
    const outcomes: [number, VerificationOutcome][] = [
      [5, "VALID"],
      [3, "RATE_LIMITED"],
      [2, "USAGE_EXCEEDED"],
      [1, "DISABLED"],
      [1, "EXPIRED"],
      [1, "INSUFFICIENT_PERMISSIONS"],
    ];
    // Key i of billing gets 20 + i valid verifications at 03:xx, so the top keys are in a known order.
    for (let i = 0; i < 8; i++) await flush(events(20 + i, { time: START + 3 * HOUR + 60_000 * i, apiId: billing, keyId: k(i), outcome: "VALID" }));
    for (const [n, outcome] of outcomes) await flush(events(n, { time: START + 5 * HOUR + 1, apiId: search, keyId: k(8), outcome }));
    await flush(events(7, { time: START + 23 * HOUR + 59 * 60_000, apiId: search, keyId: k(9), outcome: "VALID" }));
    await flush(events(4, { time: START + 10 * HOUR, apiId: retired, keyId: k(11), outcome: "EXPIRED" }));
    // Outside the window, either side, and another workspace inside it.
    await flush(events(50, { time: START - 1, apiId: billing, keyId: k(0), outcome: "VALID" }));
    await flush(events(50, { time: END, apiId: billing, keyId: k(0), outcome: "VALID" }));
    await flush(events(9, { time: START + HOUR, apiId: "api_other", keyId: "key_other", outcome: "VALID", workspaceId: "ws_other" }));
    // Keys that do not exist: no key, no API; counted from the raw events.
    await flush(events(6, { time: START + 2 * HOUR, apiId: null, keyId: null, outcome: "NOT_FOUND" }));
    await flush(events(2, { time: START - HOUR, apiId: null, keyId: null, outcome: "NOT_FOUND" }));
    // The retired API and one billing key are deleted since: their past still counts.
    await deleteKey({ db: handle.db, auth, input: { keyId: k(7), permanent: true } });
    await deleteApi({ db: handle.db, auth, input: { apiId: retired } });
  });
  afterAll(async () => {
    await handle.close();
  });

  it("counts every outcome per API in the window, live APIs first (zeros too), then deleted ones that saw use", async () => {
    const u = await workspaceUsage(handle.db, { workspaceId: ws, startTime: START, endTime: END });
    const billingTotal = Array.from({ length: 8 }, (_, i) => 20 + i).reduce((s, n) => s + n, 0);
    expect(u.perApi.map((a) => [a.name, a.deleted, a.counts.total])).toEqual([
      ["billing", false, billingTotal],
      ["search", false, 13 + 7],
      ["quiet", false, 0],
      ["retired", true, 4],
    ]);
    expect(u.perApi.find((a) => a.apiId === search)?.counts).toEqual({ total: 20, valid: 12, rateLimited: 3, usageExceeded: 2, expired: 1, disabled: 1, insufficientPermissions: 1, forbidden: 0, notFound: 0 });
    expect(u.perApi.find((a) => a.apiId === quiet)?.counts).toMatchObject({ total: 0, valid: 0 });
    expect(u.totals.total).toBe(billingTotal + 20 + 4);
    expect(u.totals.expired).toBe(5);
    expect(u.unknownKeys).toBe(6);
  });

  it("gives every hour of the window, zero-filled, holding exactly the counts", async () => {
    const u = await workspaceUsage(handle.db, { workspaceId: ws, startTime: START, endTime: END });
    expect(u.hourly.map((b) => b.time)).toEqual(Array.from({ length: 24 }, (_, i) => START + i * HOUR));
    expect(u.hourly.reduce((s, b) => s + b.total, 0)).toBe(u.totals.total);
    expect(u.hourly[3]?.valid).toBe(Array.from({ length: 8 }, (_, i) => 20 + i).reduce((s, n) => s + n, 0));
    expect(u.hourly[5]).toMatchObject({ total: 13, valid: 5, rateLimited: 3, usageExceeded: 2, disabled: 1, expired: 1, insufficientPermissions: 1 });
    expect(u.hourly[23]?.valid).toBe(7);
    expect(u.hourly[0]?.total).toBe(0);
  });

  it("narrows the chart, totals and top keys to one API, but not the per-API table", async () => {
    const u = await workspaceUsage(handle.db, { workspaceId: ws, startTime: START, endTime: END, apiId: search });
    expect(u.totals.total).toBe(20);
    expect(u.hourly.reduce((s, b) => s + b.total, 0)).toBe(20);
    expect(u.topKeys.map((k) => [k.keyId, k.counts.total])).toEqual([
      [keyIds[8], 13],
      [keyIds[9], 7],
    ]);
    expect(u.perApi).toHaveLength(4);
  });

  it("ranks the top keys by verifications, naming deleted ones as such", async () => {
    const u = await workspaceUsage(handle.db, { workspaceId: ws, startTime: START, endTime: END });
    expect(u.topKeys).toHaveLength(TOP_KEYS);
    expect(u.topKeys.map((k) => k.counts.total)).toEqual([27, 26, 25, 24, 23, 22, 21, 20, 13, 7]);
    expect(u.topKeys[0]).toMatchObject({ keyId: keyIds[7], deleted: true, name: null, apiName: "billing" });
    expect(u.topKeys[1]).toMatchObject({ keyId: keyIds[6], deleted: false, name: "key 6", apiName: "billing", start: expect.any(String) });
    expect(u.topKeys.some((k) => k.keyId === "key_other")).toBe(false);
  });

  it("is empty, not failing, for a window without verifications", async () => {
    const u = await workspaceUsage(handle.db, { workspaceId: ws, startTime: END + 24 * HOUR, endTime: END + 48 * HOUR });
    expect(u.totals.total).toBe(0);
    expect(u.topKeys).toEqual([]);
    expect(u.unknownKeys).toBe(0);
    expect(u.hourly).toHaveLength(24);
    expect(u.perApi.map((a) => a.name)).toEqual(["billing", "search", "quiet"]);
  });
});
