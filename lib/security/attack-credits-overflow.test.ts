import { Unkey } from "@unkey/api";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keys } from "@/db/schema";
import { expectError, type Harness, openHarness, seedTenant, type Tenant } from "@/lib/testing/harness";
import { BACKENDS } from "@/lib/testing/test-db";

const INT4_MAX = 2_147_483_647;

/**
 * Attack suite — keys.updateCredits at the top of the int4 range. The sum of two int4 values used to
 * overflow in SQL before it was clamped (a 500); it must clamp (docs/api.md "Limits and fields"), and a
 * value past the range is a 400 that changes nothing.
 */
describe.each(BACKENDS)("attack: credit overflow on %s", (backend) => {
  let h: Harness;
  let t: Tenant;
  let unkey: Unkey;
  beforeAll(async () => {
    h = await openHarness(backend);
    t = await seedTenant(h.url, "Acme");
    unkey = new Unkey({ rootKey: t.rootKey, serverURL: h.url });
  });
  afterAll(() => h.close());

  const remainingOf = async (keyId: string) => (await h.db.db.select({ r: keys.creditsRemaining }).from(keys).where(eq(keys.id, keyId)))[0]?.r;

  it("increment by the largest value on a key already at the largest value clamps (200), and the key still verifies", async () => {
    const { keyId, key } = (await unkey.keys.createKey({ apiId: t.apiId, credits: { remaining: INT4_MAX } })).data;
    const res = await unkey.keys.updateCredits({ keyId, operation: "increment", value: INT4_MAX });
    expect(res.data).toEqual({ remaining: INT4_MAX });
    expect(await remainingOf(keyId)).toBe(INT4_MAX);
    expect((await unkey.keys.verifyKey({ key })).data).toMatchObject({ valid: true, credits: INT4_MAX - 1 });
  });

  it("increment that crosses the top from below clamps too", async () => {
    const { keyId } = (await unkey.keys.createKey({ apiId: t.apiId, credits: { remaining: 5 } })).data;
    expect((await unkey.keys.updateCredits({ keyId, operation: "increment", value: INT4_MAX - 1 })).data).toEqual({ remaining: INT4_MAX });
  });

  it("a value past the int4 range is 400 naming body.value; the balance is unchanged", async () => {
    const { keyId } = (await unkey.keys.createKey({ apiId: t.apiId, credits: { remaining: 7 } })).data;
    for (const value of [INT4_MAX + 1, Number.MAX_SAFE_INTEGER, 1e300]) {
      const res = await h.rk(t, "keys.updateCredits", { keyId, operation: "increment", value });
      expectError(res, 400, "unkey/application/invalid_input");
      expect(res.body.error.errors[0].location).toBe("body.value");
    }
    expect(await remainingOf(keyId)).toBe(7);
  });
});
