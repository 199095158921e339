import { Unkey } from "@unkey/api";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { identities, keys } from "@/db/schema";
import { post, seedWorkspace } from "@/lib/testing/fixtures";
import { BACKENDS } from "@/lib/testing/test-db";
import { useTestApp } from "@/lib/testing/test-app";

const TYPE = "http://localhost:3000/docs/errors/";

/**
 * What Unkey's published document allows, Keyport accepts (docs/api.md "Limits and fields" and
 * "Conventions"): name lengths, verifyKey tags and migrationId, listIdentities search, and the two
 * request bodies the document leaves open.
 */
describe.each(BACKENDS)("fields of Unkey's document on %s", (backend) => {
  const app = useTestApp(backend);
  let unkey: Unkey;
  let rootKey: string;
  let apiId: string;

  beforeAll(async () => {
    ({ rootKey } = await seedWorkspace());
    unkey = new Unkey({ rootKey, serverURL: app.url });
    apiId = (await unkey.apis.createApi({ name: "document" })).data.apiId;
  });

  const call = (path: string, body: unknown) => post(app.url, path, body, rootKey);
  const expectInvalid = (res: Awaited<ReturnType<typeof post>>, location: string) => {
    expect(res.status, res.text).toBe(400);
    expect(res.body.error.type).toBe(`${TYPE}unkey/application/invalid_input`);
    expect(res.body.error.errors.map((e: { location: string }) => e.location)).toContain(location);
  };

  it("apis.createApi takes a name of 256 characters (257 is 400)", async () => {
    const name = "n".repeat(256);
    const { apiId: id } = (await unkey.apis.createApi({ name })).data;
    expect((await unkey.apis.getApi({ apiId: id })).data.name).toBe(name);
    expectInvalid(await call("/v2/apis.createApi", { name: "n".repeat(257) }), "body.name");
  });

  it("keys.createKey and keys.updateKey take a name of 255 characters (256 is 400, nothing created)", async () => {
    const name = "k".repeat(255);
    const { keyId } = (await unkey.keys.createKey({ apiId, name })).data;
    expect((await unkey.keys.getKey({ keyId })).data.name).toBe(name);
    const renamed = "r".repeat(255);
    await unkey.keys.updateKey({ keyId, name: renamed });
    expect((await unkey.keys.getKey({ keyId })).data.name).toBe(renamed);
    const before = (await app.db.db.select({ id: keys.id }).from(keys)).length;
    expectInvalid(await call("/v2/keys.createKey", { apiId, name: "k".repeat(256) }), "body.name");
    expectInvalid(await call("/v2/keys.updateKey", { keyId, name: "k".repeat(256) }), "body.name");
    expect((await app.db.db.select({ id: keys.id }).from(keys)).length).toBe(before);
    expect((await unkey.keys.getKey({ keyId })).data.name).toBe(renamed);
  });

  it("keys.verifyKey takes 20 tags of 512 characters each; 21 tags or 513 characters is 400", async () => {
    const { key } = (await unkey.keys.createKey({ apiId })).data;
    const tags = Array.from({ length: 20 }, (_, i) => `tag${i}=`.padEnd(512, "x"));
    expect((await unkey.keys.verifyKey({ key, tags })).data).toMatchObject({ valid: true, code: "VALID" });
    expectInvalid(await call("/v2/keys.verifyKey", { key, tags: [...tags, "one-more"] }), "body.tags");
    expectInvalid(await call("/v2/keys.verifyKey", { key, tags: ["t".repeat(513)] }), "body.tags.0");
  });

  it("keys.verifyKey accepts migrationId and ignores it: a known key verifies, an unknown one is NOT_FOUND", async () => {
    const { key } = (await unkey.keys.createKey({ apiId })).data;
    expect((await unkey.keys.verifyKey({ key, migrationId: "m_1234abcd" })).data).toMatchObject({ valid: true, code: "VALID" });
    expect((await unkey.keys.verifyKey({ key: "kp_nope", migrationId: "m_1234abcd" })).data).toMatchObject({ valid: false, code: "NOT_FOUND" });
    expectInvalid(await call("/v2/keys.verifyKey", { key, migrationId: "m".repeat(257) }), "body.migrationId");
  });

  it("identities.listIdentities {search} filters by id or externalId, ignoring case, and pages", async () => {
    const names = ["Search_Alice", "search_alicia", "search_bob", "50%_search_off", "search_50x_off"];
    const ids: Record<string, string> = {};
    for (const externalId of names) ids[externalId] = (await unkey.identities.createIdentity({ externalId })).data.identityId;
    const found = async (search: string, limit = 100) => {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (;;) {
        const page = (await unkey.identities.listIdentities({ search, limit, cursor })).result;
        seen.push(...page.data.map((i) => i.externalId));
        if (!page.pagination.hasMore) return seen.sort();
        cursor = page.pagination.cursor;
      }
    };
    expect(await found("ALIC")).toEqual(["Search_Alice", "search_alicia"]);
    expect(await found("alic", 1)).toEqual(["Search_Alice", "search_alicia"]);
    // % and _ are characters, not wildcards.
    expect(await found("50%")).toEqual(["50%_search_off"]);
    expect(await found("_bob")).toEqual(["search_bob"]);
    // By id, in any case.
    expect(await found(ids.search_bob!.toUpperCase())).toEqual(["search_bob"]);
    expect(await found("nobody-has-this")).toEqual([]);
    expect(await found("")).toEqual(expect.arrayContaining(names));
    expectInvalid(await call("/v2/identities.listIdentities", { search: "s".repeat(257) }), "body.search");
  });

  it("keys.rerollKey and identities.createIdentity ignore unknown fields (bodies the document leaves open)", async () => {
    const { keyId } = (await unkey.keys.createKey({ apiId })).data;
    const rolled = await call("/v2/keys.rerollKey", { keyId, expiration: 0, ratelimits: [], note: "from a newer client" });
    expect(rolled.status, rolled.text).toBe(200);
    expect(rolled.body.data.keyId).toMatch(/^key_/);

    const created = await call("/v2/identities.createIdentity", { externalId: "open_body", tier: "gold", workspaceId: "ws_other", identityId: "id_chosen" });
    expect(created.status, created.text).toBe(200);
    const [row] = await app.db.db.select().from(identities).where(eq(identities.id, created.body.data.identityId));
    // Dropped, never stored or obeyed.
    expect(row?.id).not.toBe("id_chosen");
    expect(row?.workspaceId).not.toBe("ws_other");
    expect(row?.meta).toBeNull();
    expect((await unkey.identities.getIdentity({ identity: "open_body" })).data).not.toHaveProperty("tier");
  });

  it("every other body stays strict: an unknown field is 400 naming it", async () => {
    const { keyId } = (await unkey.keys.createKey({ apiId })).data;
    for (const [path, body] of [
      ["/v2/apis.createApi", { name: "strict", extra: 1 }],
      ["/v2/keys.createKey", { apiId, extra: 1 }],
      ["/v2/keys.updateKey", { keyId, extra: 1 }],
      ["/v2/keys.updateCredits", { keyId, operation: "set", extra: 1 }],
      ["/v2/keys.verifyKey", { key: "kp_x", extra: 1 }],
      ["/v2/identities.updateIdentity", { identity: "open_body", extra: 1 }],
      ["/v2/identities.listIdentities", { extra: 1 }],
    ] as const) {
      expectInvalid(await call(path, body), "body.extra");
    }
  });
});
