import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { keys } from "@/db/schema";
import { resetSessionSecretsForTests } from "@/lib/bootstrap/session-secrets";
import { advanceClock, resetClock } from "@/lib/clock";
import { parseEnv, resetEnvForTests } from "@/lib/env";
import { seedPortal } from "@/lib/testing/portal-fixtures";
import { expectError, HOUR, type Harness, openHarness, ORIGIN, seedTenant, type Tenant } from "@/lib/testing/harness";
import { post } from "@/lib/testing/fixtures";
import { BACKENDS } from "@/lib/testing/test-db";

const OLD_SECRET = "old-session-secret-0123456789abcdef-0123456789";
const NEW_SECRET = "new-session-secret-abcdef0123456789-abcdef0123";
const NOT_FOUND = "unkey/authentication/portal_session_not_found";

function useSecrets(value: string | undefined) {
  if (value === undefined) delete process.env.SESSION_SECRET;
  else process.env.SESSION_SECRET = value;
  resetEnvForTests();
  resetSessionSecretsForTests();
}

/** Attack suite — portal session credentials: tampering, precedence, ends, and secret rotation. */
describe.each(BACKENDS)("attack: portal session on %s", (backend) => {
  let h: Harness;
  let t: Tenant;
  const getSession = (headers: Record<string, string>, token?: string) => post(h.url, "/v2/portal.getSession", {}, token, headers);
  const listKeys = (headers: Record<string, string>, token?: string) => post(h.url, "/v2/portal.listKeys", {}, token, headers);

  beforeAll(async () => {
    useSecrets(OLD_SECRET);
    h = await openHarness(backend);
    t = await seedTenant(h.url, "Acme");
    await seedPortal(t.workspaceId, { slug: "sliding", apiIds: [t.apiId], sessionPolicy: "sliding" });
  });
  afterEach(() => {
    resetClock();
    useSecrets(OLD_SECRET);
  });
  afterAll(async () => {
    await h.close();
    useSecrets(undefined);
  });

  it("a tampered seal (each of several positions flipped) → 401, never 500", async () => {
    const s = await h.session(t, "user_1");
    const seal = s.cookie.slice("portal_session=".length);
    for (const at of [10, 30, Math.floor(seal.length / 2), seal.length - 5]) {
      const flipped = seal.slice(0, at) + (seal[at] === "A" ? "B" : "A") + seal.slice(at + 1);
      expectError(await getSession({ Cookie: `portal_session=${flipped}` }), 401, NOT_FOUND);
    }
    // The session itself is still alive.
    expect((await getSession({ Cookie: s.cookie })).status).toBe(200);
  });

  it("a truncated seal, a seal with a forged expiry and a seal of another secret → 401", async () => {
    const s = await h.session(t, "user_1");
    const seal = s.cookie.slice("portal_session=".length);
    expect(seal).toMatch(/\*\d{13}\*/);
    const cases = {
      lastCharDropped: seal.slice(0, -1),
      first20: seal.slice(0, 20),
      lastFieldDropped: seal.split("*").slice(0, -1).join("*"),
      forgedExpiry: seal.replace(/\*(\d{13})\*/, "*9999999999999*"),
      extraField: seal.replace("~", "*x~"),
      otherVersion: seal.replace(/~\d+$/, "~1"),
    };
    for (const [name, bad] of Object.entries(cases)) {
      const res = await getSession({ Cookie: `portal_session=${encodeURIComponent(bad)}` });
      expect(res.status, name).toBe(401);
      expectError(res, 401, NOT_FOUND);
    }
  });

  it("cookie and Bearer disagree → the Bearer wins, both ways; a bad Bearer never falls back to a good cookie", async () => {
    const a = await h.session(t, "user_a");
    const b = await h.session(t, "user_b");
    expect((await getSession({ Cookie: b.cookie }, a.token)).body.data.externalId).toBe("user_a");
    expect((await getSession({ Cookie: a.cookie }, b.token)).body.data.externalId).toBe("user_b");
    expectError(await getSession({ Cookie: a.cookie }, "pat_forged"), 401, NOT_FOUND);
    expectError(await getSession({ Cookie: a.cookie }, b.token.slice(0, -1)), 401, NOT_FOUND);
  });

  it("reuse after sign-out → 401 for the cookie, the Bearer token and the raw-token cookie", async () => {
    const s = await h.session(t, "user_out");
    const out = await post(h.url, "/v2/portal.logout", {}, undefined, { Cookie: s.cookie, Origin: ORIGIN });
    expect(out.status, out.text).toBe(200);
    expectError(await getSession({ Cookie: s.cookie }), 401, NOT_FOUND);
    expectError(await getSession({}, s.token), 401, NOT_FOUND);
    expectError(await listKeys({ Cookie: `portal_session=${s.token}` }), 401, NOT_FOUND);
  });

  it("reuse after revocation → 401 at once, for every credential form", async () => {
    const s = await h.session(t, "user_rev");
    expect((await post(h.url, "/v2/portal.revokeSession", { sessionId: s.sessionId }, t.rootKey)).body.data).toEqual({ revoked: 1 });
    expectError(await getSession({ Cookie: s.cookie }), 401, NOT_FOUND);
    expectError(await getSession({}, s.token), 401, NOT_FOUND);
    expectError(await listKeys({ Cookie: `portal_session=${s.token}` }), 401, NOT_FOUND);
  });

  it("after idle expiry (sliding, 24 h idle) → 401, and a write is refused too", async () => {
    const { key, keyId } = await h.keyFor(t, "user_idle");
    const s = await h.session(t, "user_idle", undefined, "sliding");
    advanceClock(24 * HOUR + 1000);
    expectError(await getSession({ Cookie: s.cookie }), 401, NOT_FOUND);
    expectError(await post(h.url, "/v2/portal.deleteKey", { keyId }, s.token), 401, NOT_FOUND);
    expect((await h.verify(t, key)).valid).toBe(true);
  });

  it("after the absolute end (fixed 24 h; sliding 7-day cap despite activity) → 401", async () => {
    const fixed = await h.session(t, "user_abs");
    const sliding = await h.session(t, "user_abs", undefined, "sliding");
    advanceClock(24 * HOUR + 1000);
    expectError(await getSession({}, fixed.token), 401, NOT_FOUND);
    resetClock();
    for (let i = 0; i < 7; i++) {
      advanceClock(23 * HOUR);
      expect((await getSession({}, sliding.token)).status, `hour ${23 * (i + 1)}`).toBe(200);
    }
    advanceClock(7 * HOUR + 1000); // 168 h + 1 s, never idle for more than 23 h
    expectError(await getSession({}, sliding.token), 401, NOT_FOUND);
    expectError(await getSession({ Cookie: sliding.cookie }), 401, NOT_FOUND);
  });

  it("secret rotation: an old seal works while its secret is listed, new seals use the newest, and it fails once removed", async () => {
    const old = await h.session(t, "user_rot");
    useSecrets(`${NEW_SECRET},${OLD_SECRET}`);
    expect((await getSession({ Cookie: old.cookie })).status).toBe(200);
    const fresh = await h.session(t, "user_rot");
    expect((await getSession({ Cookie: fresh.cookie })).status).toBe(200);
    // The fresh seal is made with the new secret: the old secret alone cannot read it.
    useSecrets(OLD_SECRET);
    expectError(await getSession({ Cookie: fresh.cookie }), 401, NOT_FOUND);
    useSecrets(NEW_SECRET);
    expectError(await getSession({ Cookie: old.cookie }), 401, NOT_FOUND);
    expect((await getSession({ Cookie: fresh.cookie })).status).toBe(200);
    // The bearer token of the old session never depended on the seal.
    expect((await getSession({}, old.token)).status).toBe(200);
  });

  it("a secret under 32 characters refuses to start, naming SESSION_SECRET", () => {
    expect(() => parseEnv({ SESSION_SECRET: "too-short" })).toThrow(/SESSION_SECRET/);
    expect(() => parseEnv({ SESSION_SECRET: `${NEW_SECRET},short-old-one` })).toThrow(/SESSION_SECRET.*32/);
    expect(() => parseEnv({ SESSION_SECRET: "x".repeat(31), NODE_ENV: "production" })).toThrow(/SESSION_SECRET/);
    expect(parseEnv({ SESSION_SECRET: "x".repeat(32) }).SESSION_SECRET).toBe("x".repeat(32));
  });

  it("a session never outlives its portal's APIs: a key moved out of reach is 404 for portal writes", async () => {
    const { keyId } = await h.keyFor(t, "user_scope");
    const s = await h.session(t, "user_scope");
    const other = (await post(h.url, "/v2/apis.createApi", { name: "elsewhere" }, t.rootKey)).body.data.apiId as string;
    await h.db.db.update(keys).set({ apiId: other }).where(eq(keys.id, keyId));
    expectError(await post(h.url, "/v2/portal.updateKey", { keyId, name: "mine now" }, s.token), 404, "unkey/data/key_not_found");
    const [row] = await h.db.db.select().from(keys).where(eq(keys.id, keyId));
    expect(row?.name).toBe("prod");
  });
});
