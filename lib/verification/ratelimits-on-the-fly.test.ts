import { Unkey } from "@unkey/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { advanceToNextWindow, resetClock } from "@/lib/clock";
import { BACKENDS } from "@/lib/testing/test-db";
import { useTestApp } from "@/lib/testing/test-app";
import { post, seedWorkspace } from "@/lib/testing/fixtures";

const TYPE = "http://localhost:3000/docs/errors/";

/** keys.verifyKey with a rate limit the key does not have: applied to the key on the fly, as Unkey does (docs/api.md "How keys.verifyKey decides"). */
describe.each(BACKENDS)("verifyKey rate limits on the fly on %s", (backend) => {
  const app = useTestApp(backend);
  let unkey: Unkey;
  let rootKey: string;
  let apiId: string;

  beforeAll(async () => {
    const ws = await seedWorkspace();
    rootKey = ws.rootKey;
    unkey = new Unkey({ rootKey, serverURL: app.url });
    apiId = (await unkey.apis.createApi({ name: "on-the-fly" })).data.apiId;
  });
  afterAll(() => resetClock());

  it("a name the key does not have, with limit and duration, limits the key: 2/min → VALID, VALID, RATE_LIMITED", async () => {
    const { key } = (await unkey.keys.createKey({ apiId })).data;
    advanceToNextWindow(60_000);
    const ask = { key, ratelimits: [{ name: "burst", limit: 2, duration: 60_000 }] };
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await unkey.keys.verifyKey(ask)).data);
    expect(codes.map((c) => c.code)).toEqual(["VALID", "VALID", "RATE_LIMITED"]);
    expect(codes[0]?.ratelimits).toEqual([expect.objectContaining({ name: "burst", limit: 2, duration: 60_000, autoApply: false, exceeded: false, remaining: 1 })]);
    expect(codes[2]?.ratelimits?.[0]).toMatchObject({ name: "burst", exceeded: true, remaining: 0 });
    // Without the limit in the request, the key is not limited by it.
    expect((await unkey.keys.verifyKey({ key })).data.code).toBe("VALID");
  });

  it("the on-the-fly counter is the key's: another key is not limited by it, with cost honoured", async () => {
    const a = (await unkey.keys.createKey({ apiId })).data;
    const b = (await unkey.keys.createKey({ apiId })).data;
    advanceToNextWindow(60_000);
    const ask = (key: string) => ({ key, ratelimits: [{ name: "tokens", cost: 3, limit: 5, duration: 60_000 }] });
    expect((await unkey.keys.verifyKey(ask(a.key))).data.code).toBe("VALID");
    expect((await unkey.keys.verifyKey(ask(a.key))).data.code).toBe("RATE_LIMITED");
    expect((await unkey.keys.verifyKey(ask(b.key))).data.code).toBe("VALID");
  });

  it("an unknown name without both limit and duration is 400 invalid_input and spends nothing", async () => {
    const { key, keyId } = (await unkey.keys.createKey({ apiId, credits: { remaining: 5 } })).data;
    for (const rl of [{ name: "nope" }, { name: "nope", limit: 2 }, { name: "nope", duration: 60_000 }]) {
      const res = await post(app.url, "/v2/keys.verifyKey", { key, ratelimits: [rl] }, rootKey);
      expect(res.status, res.text).toBe(400);
      expect(res.body.error.type).toBe(`${TYPE}unkey/application/invalid_input`);
      expect(res.body.error.errors[0].location).toBe("body.ratelimits");
    }
    expect((await unkey.keys.getKey({ keyId })).data.credits).toEqual({ remaining: 5 });
  });
});
