import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CANDIDATE_CAP, likePrefix, WINDOW } from "@/db/queries/console-keys";
import { keys } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import { advanceClock, now, resetClock } from "@/lib/clock";
import { searchKinds, searchWorkspaceKeys } from "@/lib/console/key-search";
import { post, seedWorkspace } from "@/lib/testing/fixtures";
import { BACKENDS } from "@/lib/testing/test-db";
import { useTestApp } from "@/lib/testing/test-app";

type Made = { keyId: string; key: string };

describe("likePrefix", () => {
  it("escapes the LIKE metacharacters and the escape character, then adds the one wildcard", () => {
    expect(likePrefix("abc")).toBe("abc%");
    expect(likePrefix("100%")).toBe("100\\%%");
    expect(likePrefix("user_1")).toBe("user\\_1%");
    expect(likePrefix("back\\")).toBe("back\\\\%");
  });
});

describe("searchKinds", () => {
  it("tries every term as start, name and externalId, and an id-shaped one as a key id too", () => {
    expect(searchKinds("")).toEqual({});
    expect(searchKinds("prod")).toEqual({ start: "prod", name: "prod", externalId: "prod" });
    expect(searchKinds("key_3Fx")).toEqual({ keyId: "key_3Fx", start: "key_3Fx", name: "key_3Fx", externalId: "key_3Fx" });
    // `key_` alone is every id's prefix: not a key-id search.
    expect(searchKinds("key_")).not.toHaveProperty("keyId");
  });
});

describe.each(BACKENDS)("console key search on %s", (backend) => {
  const app = useTestApp(backend);
  let a: { workspaceId: string; rootKey: string };
  let b: { workspaceId: string; rootKey: string };
  let apiA: string;
  let apiA2: string;
  const made: Record<string, Made> = {};
  let theirs: Made;

  // Each key a few ms after the last, so "newest first" never depends on ids breaking a tie.
  const createKey = async (rootKey: string, body: Record<string, unknown>): Promise<Made> => {
    advanceClock(2);
    const res = await post(app.url, "/v2/keys.createKey", body, rootKey);
    expect(res.status, res.text).toBe(200);
    return res.body.data;
  };
  const search = async (q: string, options: { cursor?: string; pageSize?: number; workspaceId?: string } = {}) =>
    searchWorkspaceKeys(app.db.db, options.workspaceId ?? a.workspaceId, { q, cursor: options.cursor, pageSize: options.pageSize });
  const ids = async (q: string, workspaceId?: string) => (await search(q, { workspaceId, pageSize: 100 })).rows.map((r) => r.keyId);
  /** Every page of a search, following nextCursor. */
  const allPages = async (q: string, pageSize: number, workspaceId?: string) => {
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await search(q, { cursor, pageSize, workspaceId });
      pages.push(page.rows.map((r) => r.keyId));
      cursor = page.nextCursor;
    } while (cursor && pages.length < 100);
    return pages;
  };

  beforeAll(async () => {
    a = await seedWorkspace("A");
    b = await seedWorkspace("B");
    // Prefixes are given per key (createKey's `prefix`), so the test controls every start.
    const api = async (rootKey: string, name: string) => {
      const res = await post(app.url, "/v2/apis.createApi", { name }, rootKey);
      expect(res.status, res.text).toBe(200);
      return res.body.data.apiId as string;
    };
    apiA = await api(a.rootKey, "production");
    apiA2 = await api(a.rootKey, "staging");
    const apiB = await api(b.rootKey, "production");
    const specs: [string, Record<string, unknown>][] = [
      ["prod1", { apiId: apiA, prefix: "acme", name: "Production one", externalId: "user_1" }],
      ["prod2", { apiId: apiA, prefix: "acme", name: "PRODUCTION two", externalId: "userX1" }],
      ["percent", { apiId: apiA2, prefix: "stg", name: "100% off", externalId: "user_10" }],
      ["hundred", { apiId: apiA2, prefix: "stg", name: "100 dollars", externalId: "alice" }],
      ["backslash", { apiId: apiA, prefix: "acme", name: "back\\slash" }],
      ["plain", { apiId: apiA, prefix: "acme", name: "backslash" }],
      ["underscore", { apiId: apiA, prefix: "acme", name: "a_b" }],
      ["axb", { apiId: apiA, prefix: "acme", name: "axb" }],
      ["unicode", { apiId: apiA, prefix: "acme", name: "Ärger Schlüssel" }],
    ];
    for (const [label, body] of specs) made[label] = await createKey(a.rootKey, body);
    // Another workspace with the same names, externalIds and prefix: never in A's results.
    theirs = await createKey(b.rootKey, { apiId: apiB, prefix: "acme", name: "Production one", externalId: "user_1" });
    await createKey(b.rootKey, { apiId: apiB, prefix: "acme", name: "100% off", externalId: "alice" });
  });
  afterAll(() => resetClock());

  it("finds a key by its exact id, and by a prefix of its id", async () => {
    const { keyId } = made.prod1 as Made;
    expect(await ids(keyId)).toEqual([keyId]);
    const prefix = keyId.slice(0, 10);
    expect(await ids(prefix)).toContain(keyId);
    expect((await ids(prefix)).every((id) => id.startsWith(prefix))).toBe(true);
  });

  it("finds keys by the start of the key (the stored `start`, case-sensitive)", async () => {
    const { key, keyId } = made.percent as Made;
    const start = key.slice(0, "stg_".length + 4);
    expect(await ids(start)).toEqual([keyId]);
    expect(await ids("stg_")).toEqual([made.hundred?.keyId, made.percent?.keyId]);
    expect(await ids("STG_")).toEqual([]);
  });

  it("finds keys by a name prefix in any case, newest first", async () => {
    const expected = [made.prod2?.keyId, made.prod1?.keyId];
    expect(await ids("production")).toEqual(expected);
    expect(await ids("PRODUCTION")).toEqual(expected);
    expect(await ids("Prod")).toEqual(expected);
    expect(await ids("ärger")).toEqual([made.unicode?.keyId]);
    // A prefix, not a substring.
    expect(await ids("one")).toEqual([]);
  });

  it("finds keys by a prefix of their owner's externalId", async () => {
    expect(await ids("user_1")).toEqual([made.percent?.keyId, made.prod1?.keyId]);
    expect(await ids("alice")).toEqual([made.hundred?.keyId]);
  });

  it("treats %, _ and \\ in the search as the characters themselves", async () => {
    expect(await ids("100%")).toEqual([made.percent?.keyId]);
    expect(await ids("%")).toEqual([]);
    expect(await ids("a_")).toEqual([made.underscore?.keyId]);
    // `_` in externalIds: user_ is not userX.
    expect(await ids("user_")).toEqual([made.percent?.keyId, made.prod1?.keyId]);
    expect(await ids("_")).toEqual([]);
    expect(await ids("back\\")).toEqual([made.backslash?.keyId]);
    expect(await ids("back\\s")).toEqual([made.backslash?.keyId]);
    expect(await ids("backs")).toEqual([made.plain?.keyId]);
  });

  it("answers rows with what the list shows: name, start, API, owner, status, created, last used", async () => {
    const [row] = (await search((made.prod1 as Made).keyId)).rows;
    expect(row).toMatchObject({
      keyId: made.prod1?.keyId,
      name: "Production one",
      start: (made.prod1 as Made).key.slice(0, "acme_".length + 4),
      apiId: apiA,
      apiName: "production",
      externalId: "user_1",
      status: "active",
      lastUsedAt: null,
    });
    expect(typeof row?.createdAt).toBe("number");
    expect(JSON.stringify(row)).not.toContain((made.prod1 as Made).key);
  });

  it("never answers another workspace's key, by any kind of term", async () => {
    for (const q of ["Production one", "user_1", "alice", "100%", "acme_", theirs.keyId, theirs.keyId.slice(0, 10), ""]) {
      expect(await ids(q)).not.toContain(theirs.keyId);
    }
    // And B sees only its own.
    expect(await ids("production", b.workspaceId)).toEqual([theirs.keyId]);
    expect(await ids((made.prod1 as Made).keyId, b.workspaceId)).toEqual([]);
  });

  it("says each key's status: disabled, expired, rolled, active", async () => {
    const disabled = await createKey(a.rootKey, { apiId: apiA, name: "status disabled" });
    await post(app.url, "/v2/keys.updateKey", { keyId: disabled.keyId, enabled: false }, a.rootKey);
    const expired = await createKey(a.rootKey, { apiId: apiA, name: "status expired" });
    await app.db.db.update(keys).set({ expiresAt: now() - 1000 }).where(eq(keys.id, expired.keyId));
    const rolled = await createKey(a.rootKey, { apiId: apiA, name: "status rolled" });
    const reroll = await post(app.url, "/v2/keys.rerollKey", { keyId: rolled.keyId, expiration: 3_600_000 }, a.rootKey);
    expect(reroll.status, reroll.text).toBe(200);
    const status = Object.fromEntries((await search("status")).rows.map((r) => [r.keyId, r.status]));
    expect(status[disabled.keyId]).toBe("disabled");
    expect(status[expired.keyId]).toBe("expired");
    expect(status[rolled.keyId]).toBe("rolled");
    expect(status[reroll.body.data.keyId]).toBe("active");
  });

  it("leaves out deleted keys and keys of deleted APIs", async () => {
    const gone = await createKey(a.rootKey, { apiId: apiA, name: "gone soon" });
    expect(await ids("gone")).toEqual([gone.keyId]);
    await post(app.url, "/v2/keys.deleteKey", { keyId: gone.keyId }, a.rootKey);
    expect(await ids("gone")).toEqual([]);
    expect(await ids(gone.keyId)).toEqual([]);
    const doomedApi = (await post(app.url, "/v2/apis.createApi", { name: "doomed" }, a.rootKey)).body.data.apiId;
    const orphan = await createKey(a.rootKey, { apiId: doomedApi, name: "orphan key" });
    expect(await ids("orphan")).toEqual([orphan.keyId]);
    expect((await post(app.url, "/v2/apis.deleteApi", { apiId: doomedApi }, a.rootKey)).status).toBe(200);
    expect(await ids("orphan")).toEqual([]);
    expect(await ids("")).not.toContain(orphan.keyId);
  });

  it("pages newest first by keyset: every match once, in order, across APIs", async () => {
    const paged: string[] = [];
    for (let i = 0; i < 5; i++) paged.push((await createKey(a.rootKey, { apiId: i % 2 ? apiA : apiA2, name: `paged ${i}` })).keyId);
    const pages = await allPages("paged", 2);
    expect(pages).toEqual([
      [paged[4], paged[3]],
      [paged[2], paged[1]],
      [paged[0]],
    ]);
    // Without a term: every live key of the workspace, newest first, each once.
    const everything = (await allPages("", 3)).flat();
    expect(new Set(everything).size).toBe(everything.length);
    expect(everything.slice(0, 5)).toEqual([...paged].reverse());
  });

  it("a term matching more than the candidate cap still answers newest first and pages exactly (the ordered scan, and the index when matches are rare among the newest keys)", async () => {
    // CANDIDATE_CAP + 50 keys named bulk…, inserted in one statement, 10 ms apart, some sharing a millisecond.
    const n = CANDIDATE_CAP + 50;
    const base = now() - 10_000_000;
    await app.db.db.execute(sql`
      insert into keys (id, workspace_id, api_id, hash, start, name, enabled, created_at)
      select 'key_bulk' || lpad(i::text, 5, '0'), ${a.workspaceId}, case when i % 3 = 0 then ${apiA2} else ${apiA} end,
             'bulk-hash-' || i, 'bulk_' || lpad(i::text, 4, '0'), 'Bulk ' || i, true, ${base}::bigint + (i / 2) * 10
      from generate_series(1, ${n}) as i`);
    const first = await search("bulk", { pageSize: 10 });
    // Newest first: the highest i, ties (same created_at) broken by id descending.
    expect(first.rows.map((r) => r.keyId)).toEqual(
      Array.from({ length: 10 }, (_, j) => `key_bulk${String(n - j).padStart(5, "0")}`),
    );
    const pages = await allPages("bulk", 400);
    const flat = pages.flat();
    expect(flat).toHaveLength(n);
    expect(new Set(flat).size).toBe(n);
    expect(flat).toEqual(Array.from({ length: n }, (_, j) => `key_bulk${String(n - j).padStart(5, "0")}`));
    // A narrow kind (one owner's key) and a broad kind (the names) together: merged in order.
    const owned = await createKey(a.rootKey, { apiId: apiA, name: "owned", externalId: "bulkowner" });
    expect((await search("bulk", { pageSize: 3 })).rows.map((r) => r.keyId)).toEqual([owned.keyId, "key_bulk01050", "key_bulk01049"]);
    expect(await ids("Bulk 105")).toEqual(["key_bulk01050", "key_bulk00105"]);
    // Broad by start too (bulk_…), still only this workspace.
    expect((await search("bulk_", { pageSize: 3 })).rows.map((r) => r.keyId)).toEqual(["key_bulk01050", "key_bulk01049", "key_bulk01048"]);
    expect(await ids("bulk", b.workspaceId)).toEqual([]);

    // WINDOW newer keys that do not match: the ordered scan finds no page among them, and the broad
    // kind's matches are read through its index instead (phase 3), with the same answers.
    await app.db.db.execute(sql`
      insert into keys (id, workspace_id, api_id, hash, start, name, enabled, created_at)
      select 'key_fill' || lpad(i::text, 6, '0'), ${a.workspaceId}, ${apiA}, 'fill-hash-' || i, 'fill_' || i, 'Filler ' || i, true, ${base}::bigint + 100000 + i
      from generate_series(1, ${WINDOW + 10}) as i`);
    expect((await search("bulk", { pageSize: 3 })).rows.map((r) => r.keyId)).toEqual([owned.keyId, "key_bulk01050", "key_bulk01049"]);
    expect((await allPages("bulk_", 400)).flat()).toEqual(flat);
    expect((await search("filler 1000", { pageSize: 3 })).rows.map((r) => r.keyId)).toEqual(["key_fill010009", "key_fill010008", "key_fill010007"]);
  });

  it("refuses a control character and an over-long term with invalid_input, saying what to do; a forged cursor is the first page", async () => {
    for (const [q, message] of [
      ["a\u0000b", /control characters/],
      ["x".repeat(201), /at most 200/],
    ] as const) {
      const err = await search(q).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).code).toBe("unkey/application/invalid_input");
      expect((err as ApiError).errors?.[0]?.message).toMatch(message);
    }
    expect((await search("production", { cursor: "bm90LWEtY3Vyc29y" })).rows).toEqual((await search("production")).rows);
    // Surrounding spaces are not part of the term.
    expect(await ids("  production  ")).toEqual([made.prod2?.keyId, made.prod1?.keyId]);
  });
});
