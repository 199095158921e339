import { Unkey } from "@unkey/api";
import { beforeAll, describe, expect, it } from "vitest";
import { post, seedWorkspace } from "@/lib/testing/fixtures";
import { useTestApp } from "@/lib/testing/test-app";
import { BACKENDS } from "@/lib/testing/test-db";

/**
 * JSON a customer stores (`meta` of keys and identities) comes back as stored: the envelope omits
 * absent schema fields, never nulls, empty strings, 0 or false inside customer data (docs/api.md
 * "Stored JSON").
 */
const META = {
  plan: null,
  nested: { a: null, b: "", c: 0, d: false, e: [], f: {}, g: { h: null } },
  list: [null, 0, "", false, { x: null }, [null]],
  empty: "",
  zero: 0,
  no: false,
};

describe.each(BACKENDS)("stored meta round-trips on %s", (backend) => {
  const app = useTestApp(backend);
  let rootKey: string;
  let apiId: string;
  let unkey: Unkey;
  const rk = (path: string, body: unknown) => post(app.url, `/v2/${path}`, body, rootKey);

  beforeAll(async () => {
    ({ rootKey } = await seedWorkspace("Meta"));
    unkey = new Unkey({ rootKey, serverURL: app.url });
    apiId = (await rk("apis.createApi", { name: "meta" })).body.data.apiId;
  });

  it("a key's meta: getKey, whoami, verifyKey, apis.listKeys and the SDK all return it as stored", async () => {
    const created = await rk("keys.createKey", { apiId, externalId: "meta_user", meta: META });
    expect(created.status, created.text).toBe(200);
    const { keyId, key } = created.body.data;

    expect((await rk("keys.getKey", { keyId })).body.data.meta).toEqual(META);
    expect((await rk("keys.whoami", { key })).body.data.meta).toEqual(META);
    const verified = await rk("keys.verifyKey", { key });
    expect(verified.body.data.valid).toBe(true);
    expect(verified.body.data.meta).toEqual(META);
    const listed = (await rk("apis.listKeys", { apiId })).body.data as { keyId: string; meta?: unknown }[];
    expect(listed.find((k) => k.keyId === keyId)?.meta).toEqual(META);

    expect((await unkey.keys.getKey({ keyId })).data.meta).toEqual(META);
    expect((await unkey.keys.verifyKey({ key })).data.meta).toEqual(META);

    // Schema fields still follow the envelope's rule: absent, never null.
    const got = (await rk("keys.getKey", { keyId })).body.data;
    expect(got).not.toHaveProperty("name");
    expect(got).not.toHaveProperty("expires");
  });

  it("keys.updateKey stores a new meta as sent; meta: null clears it (then absent)", async () => {
    const { keyId } = (await rk("keys.createKey", { apiId, meta: { keep: true } })).body.data;
    expect((await rk("keys.updateKey", { keyId, meta: { plan: null, n: { a: null } } })).status).toBe(200);
    expect((await rk("keys.getKey", { keyId })).body.data.meta).toEqual({ plan: null, n: { a: null } });
    expect((await rk("keys.updateKey", { keyId, meta: null })).status).toBe(200);
    expect((await rk("keys.getKey", { keyId })).body.data).not.toHaveProperty("meta");
  });

  it("an identity's meta: createIdentity, getIdentity, listIdentities, updateIdentity and a key's identity return it as stored", async () => {
    const created = await rk("identities.createIdentity", { externalId: "meta_identity", meta: META });
    expect(created.status, created.text).toBe(200);
    expect((await rk("identities.getIdentity", { identity: "meta_identity" })).body.data.meta).toEqual(META);
    const listed = (await rk("identities.listIdentities", {})).body.data as { externalId: string; meta?: unknown }[];
    expect(listed.find((i) => i.externalId === "meta_identity")?.meta).toEqual(META);
    expect((await unkey.identities.getIdentity({ identity: "meta_identity" })).data.meta).toEqual(META);

    const { key, keyId } = (await rk("keys.createKey", { apiId, externalId: "meta_identity" })).body.data;
    expect((await rk("keys.verifyKey", { key })).body.data.identity.meta).toEqual(META);
    expect((await rk("keys.getKey", { keyId })).body.data.identity.meta).toEqual(META);

    const updated = await rk("identities.updateIdentity", { identity: "meta_identity", meta: { tier: null, on: false } });
    expect(updated.body.data.meta).toEqual({ tier: null, on: false });
  });
});
