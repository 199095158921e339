import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { KEY_COUNT_CAP } from "@/db/queries/apis";
import { countWorkspace } from "@/db/queries/workspace-counts";
import { pickedPermissions } from "@/lib/auth/root-key-permissions";
import { pageApis } from "@/lib/console/page-apis";
import { pageRootKeys } from "@/lib/console/page-root-keys";
import { pageWorkspaces } from "@/lib/console/page-workspaces";
import { CONSOLE_PAGE_SIZE, readCursor } from "@/lib/console/paging";
import { post, seedWorkspace } from "@/lib/testing/fixtures";
import { useTestApp } from "@/lib/testing/test-app";
import { BACKENDS } from "@/lib/testing/test-db";

describe("the root-key permission picker", () => {
  it("full access is *; a pick keeps known permissions only; one API narrows the API permissions but create_api", () => {
    expect(pickedPermissions({ full: true, picked: ["api.*.read_key"] })).toEqual(["*"]);
    expect(pickedPermissions({ full: false, picked: ["api.*.read_key", "api.*.read_key", "nonsense", "*"] })).toEqual(["api.*.read_key"]);
    expect(pickedPermissions({ full: false, picked: ["api.*.create_api", "api.*.verify_key", "portal.*.create_portal_session"], apiId: "api_1" })).toEqual([
      "api.*.create_api",
      "api.api_1.verify_key",
      "portal.*.create_portal_session",
    ]);
    expect(pickedPermissions({ full: false, picked: [] })).toEqual([]);
  });

  it("a cursor the console did not write is the first page", () => {
    expect(readCursor(undefined)).toBeUndefined();
    expect(readCursor(["a", "b"])).toBeUndefined();
    expect(readCursor("not-base64-json")).toBeUndefined();
    expect(readCursor(Buffer.from(JSON.stringify([1, "x"])).toString("base64url"))).toEqual({ createdAt: 1, id: "x" });
  });
});

/** What the console's lists read (docs/console.md "Workspaces, APIs and root keys"): pages, counts, last use. */
describe.each(BACKENDS)("console list loaders on %s", (backend) => {
  const app = useTestApp(backend);
  let ws: { workspaceId: string; rootKey: string };
  let other: { workspaceId: string; rootKey: string };
  const q = (text: string) => app.db.db.execute(sql.raw(text));

  beforeAll(async () => {
    ws = await seedWorkspace("Lists");
    other = await seedWorkspace("Other");
  });

  it("APIs: live ones only, newest first, paged without gaps or repeats, each with its live keys counted", async () => {
    const ids: string[] = [];
    for (let i = 0; i < CONSOLE_PAGE_SIZE + 5; i++) {
      const res = await post(app.url, "/v2/apis.createApi", { name: `api number ${i}` }, ws.rootKey);
      ids.push(res.body.data.apiId);
    }
    const [first, second] = [ids[ids.length - 1]!, ids[ids.length - 2]!];
    await post(app.url, "/v2/apis.deleteApi", { apiId: ids[0] }, ws.rootKey);
    for (let i = 0; i < 3; i++) await post(app.url, "/v2/keys.createKey", { apiId: first }, ws.rootKey);
    const gone = await post(app.url, "/v2/keys.createKey", { apiId: first }, ws.rootKey);
    await post(app.url, "/v2/keys.deleteKey", { keyId: gone.body.data.keyId }, ws.rootKey);
    await post(app.url, "/v2/keys.createKey", { apiId: second }, ws.rootKey);
    // Another workspace's API and keys count nowhere here.
    const foreign = await post(app.url, "/v2/apis.createApi", { name: "foreign api" }, other.rootKey);
    await post(app.url, "/v2/keys.createKey", { apiId: foreign.body.data.apiId }, other.rootKey);

    const p1 = await pageApis(ws.workspaceId, undefined);
    expect(p1.apis).toHaveLength(CONSOLE_PAGE_SIZE);
    expect(p1.next).toEqual(expect.any(String));
    const p2 = await pageApis(ws.workspaceId, p1.next);
    expect(p2.next).toBeUndefined();
    const seen = [...p1.apis, ...p2.apis].map((a) => a.id);
    expect(seen).toEqual(ids.slice(1).reverse());
    expect(p1.apis[0]).toMatchObject({ id: first, keys: 3, keysCapped: false });
    expect(p1.apis[1]).toMatchObject({ id: second, keys: 1 });
    expect(p1.apis[2]?.keys).toBe(0);
  });

  it(`a key count stops at ${KEY_COUNT_CAP.toLocaleString("en")}: more is "capped"`, async () => {
    const w = await seedWorkspace("Big");
    const api = (await post(app.url, "/v2/apis.createApi", { name: "big api" }, w.rootKey)).body.data.apiId as string;
    await q(
      `insert into keys (id, workspace_id, api_id, hash, start, created_at)
       select 'key_big_' || i, '${w.workspaceId}', '${api}', 'h_big_' || i, 'big_' || i, i from generate_series(1, ${KEY_COUNT_CAP + 5}) i`,
    );
    const page = await pageApis(w.workspaceId, undefined);
    expect(page.apis[0]).toMatchObject({ id: api, keys: KEY_COUNT_CAP + 1, keysCapped: true });
    expect(await countWorkspace(app.db.db, w.workspaceId)).toEqual({ apis: 1, portals: 0, rootKeys: 1, keys: KEY_COUNT_CAP + 1, identities: 0 });
  }, 60_000);

  it("workspaces: every one, newest first, paged", async () => {
    for (let i = 0; i < CONSOLE_PAGE_SIZE; i++) await seedWorkspace(`Paged ${i}`);
    const p1 = await pageWorkspaces(undefined);
    expect(p1.workspaces).toHaveLength(CONSOLE_PAGE_SIZE);
    expect(p1.workspaces[0]?.name).toBe(`Paged ${CONSOLE_PAGE_SIZE - 1}`);
    const p2 = await pageWorkspaces(p1.next);
    const names = [...p1.workspaces, ...p2.workspaces].map((w) => w.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(["Lists", "Other", "Big"]));
  });

  it("root keys: starts, names, permissions, never a hash; last used once a key authenticates", async () => {
    const w = await seedWorkspace("Used");
    const page = await pageRootKeys(w.workspaceId, undefined);
    expect(page.rootKeys).toEqual([{ id: expect.stringMatching(/^key_/), start: w.rootKey.slice(0, 10), name: "default", permissions: ["*"], createdAt: expect.any(Number), lastUsedAt: null }]);
    expect(JSON.stringify(page)).not.toContain(w.rootKey.slice(10));
    const before = Date.now();
    expect((await post(app.url, "/v2/apis.createApi", { name: "touching" }, w.rootKey)).status).toBe(200);
    await expect.poll(async () => (await pageRootKeys(w.workspaceId, undefined)).rootKeys[0]?.lastUsedAt, { timeout: 5000 }).toBeGreaterThanOrEqual(before);
    // Another workspace's root keys are not listed.
    expect((await pageRootKeys(other.workspaceId, undefined)).rootKeys.map((k) => k.id)).not.toContain(page.rootKeys[0]!.id);
  });
});
