import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { post, seedWorkspace } from "@/lib/testing/fixtures";
import { expectError } from "@/lib/testing/harness";
import { useTestApp } from "@/lib/testing/test-app";
import { BACKENDS } from "@/lib/testing/test-db";

type Ws = { workspaceId: string; rootKey: string };

/**
 * identities.updateIdentity and identities.listIdentities are scoped to the calling root key's workspace
 * (docs/api.md: ids of other workspaces get the same 404 as ids that do not exist). Workspace A and B
 * both have an identity with the externalId "shared"; A also has "a_only". Everything B does is followed
 * by re-reading A's rows from the database, byte for byte.
 */
describe.each(BACKENDS)("identities across workspaces on %s", (backend) => {
  const app = useTestApp(backend);
  let a: Ws;
  let b: Ws;
  const aIds: Record<string, string> = {};
  let bShared: string;

  const as = (ws: Ws, path: string, body: unknown) => post(app.url, `/v2/${path}`, body, ws.rootKey);

  async function rowsOf(workspaceId: string): Promise<unknown[]> {
    const res = (await app.db.db.execute(sql`select * from identities where workspace_id = ${workspaceId} order by id`)) as unknown;
    return Array.isArray(res) ? res : (res as { rows: unknown[] }).rows;
  }
  async function auditOf(workspaceId: string): Promise<unknown[]> {
    const res = (await app.db.db.execute(sql`select event, resource_id from audit_log where workspace_id = ${workspaceId} order by id`)) as unknown;
    return Array.isArray(res) ? res : (res as { rows: unknown[] }).rows;
  }

  beforeAll(async () => {
    a = await seedWorkspace("A");
    b = await seedWorkspace("B");
    for (const externalId of ["shared", "a_only"]) {
      const res = await as(a, "identities.createIdentity", { externalId, meta: { owner: "A" }, ratelimits: [{ name: "a_rl", limit: 5, duration: 60_000 }] });
      expect(res.status, res.text).toBe(200);
      aIds[externalId] = res.body.data.identityId;
    }
    const res = await as(b, "identities.createIdentity", { externalId: "shared", meta: { owner: "B" } });
    expect(res.status, res.text).toBe(200);
    bShared = res.body.data.identityId;
  });

  it("updateIdentity by A's id or by an externalId only A has: 404 identity_not_found, A's rows and audit log unchanged", async () => {
    const rowsBefore = await rowsOf(a.workspaceId);
    const auditBefore = await auditOf(a.workspaceId);
    // The answer for an identity that exists nowhere: A's must be the same, so nothing about A leaks.
    const nowhere = await as(b, "identities.updateIdentity", { identity: "id_nowhere", meta: { owner: "B" } });
    expectError(nowhere, 404, "unkey/data/identity_not_found");
    for (const identity of [aIds.shared, aIds.a_only, "a_only"]) {
      const res = await as(b, "identities.updateIdentity", { identity, meta: { owner: "B took it" }, ratelimits: [] });
      expectError(res, 404, "unkey/data/identity_not_found");
      expect(res.body.error).toEqual(nowhere.body.error);
    }
    expect(await rowsOf(a.workspaceId)).toEqual(rowsBefore);
    expect(await auditOf(a.workspaceId)).toEqual(auditBefore);
  });

  it("updateIdentity by the externalId both have changes B's identity only", async () => {
    const rowsBefore = await rowsOf(a.workspaceId);
    const res = await as(b, "identities.updateIdentity", { identity: "shared", meta: { owner: "B, updated" } });
    expect(res.status, res.text).toBe(200);
    expect(res.body.data).toMatchObject({ id: bShared, externalId: "shared", meta: { owner: "B, updated" } });
    expect(await rowsOf(a.workspaceId)).toEqual(rowsBefore);
    expect((await as(a, "identities.getIdentity", { identity: "shared" })).body.data).toMatchObject({ id: aIds.shared, meta: { owner: "A" } });
  });

  it("listIdentities returns only B's identities: unfiltered, searched for A's ids, and paged one by one", async () => {
    const all = await as(b, "identities.listIdentities", {});
    expect(all.status, all.text).toBe(200);
    expect(all.body.data.map((i: { id: string }) => i.id)).toEqual([bShared]);
    for (const search of [aIds.a_only, aIds.shared, "a_only", "id_"]) {
      const found = await as(b, "identities.listIdentities", { search });
      expect(found.body.data.map((i: { id: string }) => i.id), search).toEqual(search === "id_" ? [bShared] : []);
    }
    // A's own list pages through A's two; B following A's cursor still sees only what is B's.
    const aFirst = await as(a, "identities.listIdentities", { limit: 1 });
    expect(aFirst.body.pagination.hasMore).toBe(true);
    const bWithACursor = await as(b, "identities.listIdentities", { limit: 1, cursor: aFirst.body.pagination.cursor });
    expect(bWithACursor.status, bWithACursor.text).toBe(200);
    expect(bWithACursor.body.data.every((i: { id: string }) => i.id === bShared)).toBe(true);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await as(b, "identities.listIdentities", { limit: 1, ...(cursor ? { cursor } : {}) });
      seen.push(...page.body.data.map((i: { id: string }) => i.id));
      cursor = page.body.pagination?.hasMore ? page.body.pagination.cursor : undefined;
    } while (cursor);
    expect(seen).toEqual([bShared]);
    // And A still lists exactly its own two.
    const aAll = await as(a, "identities.listIdentities", {});
    expect(aAll.body.data.map((i: { id: string }) => i.id).sort()).toEqual([aIds.shared, aIds.a_only].sort());
  });
});
