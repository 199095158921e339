import { Unkey } from "@unkey/api";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, keys } from "@/db/schema";
import { post, seedWorkspace } from "@/lib/testing/fixtures";
import { BACKENDS } from "@/lib/testing/test-db";
import { useTestApp } from "@/lib/testing/test-app";

const TYPE = "http://localhost:3000/docs/errors/";

describe.each(BACKENDS)("keys.updateCredits on %s", (backend) => {
  const app = useTestApp(backend);
  let unkey: Unkey;
  let rootKey: string;
  let apiId: string;

  beforeAll(async () => {
    ({ rootKey } = await seedWorkspace());
    unkey = new Unkey({ rootKey, serverURL: app.url });
    apiId = (await unkey.apis.createApi({ name: "credits" })).data.apiId;
  });

  it("set without value makes the key unlimited, as Unkey's document says (refill dropped, audit written)", async () => {
    const { keyId, key } = (await unkey.keys.createKey({ apiId, credits: { remaining: 1, refill: { interval: "daily", amount: 1 } } })).data;
    expect((await unkey.keys.verifyKey({ key })).data.code).toBe("VALID");
    expect((await unkey.keys.verifyKey({ key })).data.code).toBe("USAGE_EXCEEDED");

    const res = await unkey.keys.updateCredits({ keyId, operation: "set" });
    expect(res.data.remaining).toBeNull();
    expect(res.data.refill).toBeUndefined();
    const [row] = await app.db.db.select().from(keys).where(eq(keys.id, keyId));
    expect(row?.creditsRemaining).toBeNull();
    expect(row?.refill).toBeNull();
    const v = (await unkey.keys.verifyKey({ key })).data;
    expect(v.code).toBe("VALID");
    expect(v.credits).toBeUndefined();
    const audit = await app.db.db.select().from(auditLog).where(eq(auditLog.resourceId, keyId));
    expect(audit.map((a) => a.event)).toContain("key.update_credits");
  });

  it("the same over plain HTTP: {keyId, operation: set} → 200 {remaining: null}", async () => {
    const { keyId } = (await unkey.keys.createKey({ apiId, credits: { remaining: 3 } })).data;
    const res = await post(app.url, "/v2/keys.updateCredits", { keyId, operation: "set" }, rootKey);
    expect(res.status, res.text).toBe(200);
    expect(res.body.data).toEqual({ remaining: null });
  });

  it("increment and decrement still need a value (400 naming body.value, nothing changed)", async () => {
    const { keyId } = (await unkey.keys.createKey({ apiId, credits: { remaining: 3 } })).data;
    for (const operation of ["increment", "decrement"]) {
      const res = await post(app.url, "/v2/keys.updateCredits", { keyId, operation }, rootKey);
      expect(res.status).toBe(400);
      expect(res.body.error.type).toBe(`${TYPE}unkey/application/invalid_input`);
      expect(res.body.error.errors[0].location).toBe("body.value");
    }
    expect((await unkey.keys.getKey({ keyId })).data.credits?.remaining).toBe(3);
  });
});
