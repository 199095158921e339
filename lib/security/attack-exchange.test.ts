import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { portalSessions } from "@/db/schema";
import { advanceClock, advanceToNextWindow, now } from "@/lib/clock";
import { resetEnvForTests } from "@/lib/env";
import { codeOf } from "@/lib/testing/portal-fixtures";
import { expectError, type Harness, openHarness, seedTenant, type Tenant } from "@/lib/testing/harness";
import { post } from "@/lib/testing/fixtures";
import { BACKENDS } from "@/lib/testing/test-db";
import { windowLeft } from "@/lib/testing/window-left";

const LIMIT = 8;

/** Attack suite — the one-time code exchange (docs/sessions.md "Exchange"). */
describe.each(BACKENDS)("attack: exchange on %s", (backend) => {
  let h: Harness;
  let t: Tenant;

  const mint = async (externalId = "user_1") => {
    const res = await post(h.url, "/v2/portal.createSession", { slug: t.slug, externalId, permissions: ["api.*.read_key"] }, t.rootKey);
    return { id: res.body.data.sessionId as string, code: codeOf(res.body.data.url) };
  };
  const exchange = (code: unknown, headers: Record<string, string> = {}) => post(h.url, "/v2/portal.exchangeCode", { code }, undefined, headers);
  const row = async (id: string) => (await h.db.db.select().from(portalSessions).where(eq(portalSessions.id, id)))[0];

  beforeAll(async () => {
    process.env.KEYPORT_EXCHANGE_FAILURE_LIMIT = String(LIMIT);
    resetEnvForTests();
    h = await openHarness(backend);
    t = await seedTenant(h.url, "Acme");
  });
  // Each case starts in a fresh one-minute failure window (the counters are per address, and every test is 127.0.0.1).
  beforeEach(() => advanceToNextWindow(60_000));
  afterAll(async () => {
    await h.close();
    delete process.env.KEYPORT_EXCHANGE_FAILURE_LIMIT;
    resetEnvForTests();
  });

  it("replay: a used code → 401 portal_session_not_found; the first session is untouched", async () => {
    const { id, code } = await mint();
    const first = await exchange(code);
    expect(first.status, first.text).toBe(200);
    const before = await row(id);
    expectError(await exchange(code), 401, "unkey/authentication/portal_session_not_found");
    // The older docs form too.
    expectError(await post(h.url, "/v2/portal.exchangeSession", { sessionId: code }), 401, "unkey/authentication/portal_session_not_found");
    expect(await row(id)).toEqual(before);
    expect((await post(h.url, "/v2/portal.getSession", {}, first.body.data.accessToken)).status).toBe(200);
  });

  it("race: 25 parallel redemptions of one code (both endpoints) → exactly one 200, one token", async () => {
    const { id, code } = await mint();
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) => (i % 2 ? exchange(code) : post(h.url, "/v2/portal.exchangeSession", { sessionId: code }))),
    );
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 200)) expect(r.body.error.type).toMatch(/portal_session_not_found$|rate_limited$/);
    expect((await row(id))?.exchangedAt).not.toBeNull();
  });

  it("expiry: a code 15 min + 1 ms old → 401, and it stays unredeemed", async () => {
    const { id, code } = await mint();
    advanceClock(15 * 60_000 + 1);
    // (15 whole minutes later: a fresh failure window too.)
    expectError(await exchange(code), 401, "unkey/authentication/portal_session_not_found");
    const r = await row(id);
    expect(r?.exchangedAt).toBeNull();
    expect(r?.tokenHash).toBeNull();
  });

  it("the ps_ id never redeems anything", async () => {
    const { id } = await mint();
    expectError(await exchange(id), 401, "unkey/authentication/portal_session_not_found");
    expect((await row(id))?.exchangedAt).toBeNull();
  });

  it("garbage codes → 401 (never 500); a 10 KB or empty code → 400 invalid_input", async () => {
    for (const code of ["pst_", "pst_x", "x", "pst_🙂🙂", "pst_' OR 1=1 --", "pst_%00", `pst_${"A".repeat(300)}`]) {
      expectError(await exchange(code), 401, "unkey/authentication/portal_session_not_found");
    }
    expectError(await exchange(`pst_${"A".repeat(10 * 1024)}`), 400, "unkey/application/invalid_input");
    expectError(await exchange(""), 400, "unkey/application/invalid_input");
    expectError(await exchange("pst_\u0000"), 400, "unkey/application/invalid_input");
    expectError(await exchange(12345), 400, "unkey/application/invalid_input");
    expectError(await exchange({ $gt: "" }), 400, "unkey/application/invalid_input");
  });

  it("brute force: past the failure limit → 429 rate_limited with Retry-After; X-Forwarded-For does not reset it; a valid code still redeems", async () => {
    const { code } = await mint("victim");
    // Exactly LIMIT failures are answered 401; the next one is the first 429.
    for (let i = 0; i < LIMIT; i++) expectError(await exchange(`pst_guess${i}`), 401, "unkey/authentication/portal_session_not_found");
    const before = now();
    const limited = await exchange(`pst_guess${LIMIT}`);
    const left = windowLeft(before, now(), 60_000);
    expectError(limited, 429, "user/too_many_requests/rate_limited");
    // What is left of this minute's window, in whole seconds rounded up.
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(Math.ceil(left.min / 1000));
    expect(retryAfter).toBeLessThanOrEqual(Math.ceil(left.max / 1000));
    // Spoofed forwarding headers from an untrusted peer change nothing.
    expectError(await exchange("pst_guess_spoof", { "X-Forwarded-For": "203.0.113.9", "X-Real-IP": "203.0.113.9" }), 429, "user/too_many_requests/rate_limited");
    // Success is never limited (many users behind one NAT).
    const ok = await exchange(code);
    expect(ok.status, ok.text).toBe(200);
    // The next window starts clean.
    advanceClock(retryAfter * 1000);
    expectError(await exchange("pst_after_window"), 401, "unkey/authentication/portal_session_not_found");
  });
});
