import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { advanceToNextWindow, now } from "@/lib/clock";
import { parseEnv, resetEnvForTests } from "@/lib/env";
import { expectError, type Harness, openHarness } from "@/lib/testing/harness";
import { post } from "@/lib/testing/fixtures";
import { BACKENDS } from "@/lib/testing/test-db";
import { windowLeft } from "@/lib/testing/window-left";

const OPERATOR = "kpo_attack_operator_suite_token_0123456789";
const LIMIT = 5;

describe("attack: a weak operator token refuses to start", () => {
  it.each([["a"], ["x".repeat(31)], [`${OPERATOR},short-old-one`]])("KEYPORT_OPERATOR_TOKEN=%j → one line naming the variable and the rule", (value) => {
    expect(() => parseEnv({ KEYPORT_OPERATOR_TOKEN: value })).toThrow(/^Invalid configuration: KEYPORT_OPERATOR_TOKEN .*at least 32 characters/);
  });

  it("32 characters, a rotation list of long tokens, or none (generated) are accepted", () => {
    expect(parseEnv({ KEYPORT_OPERATOR_TOKEN: "x".repeat(32) }).KEYPORT_OPERATOR_TOKEN).toBe("x".repeat(32));
    expect(parseEnv({ KEYPORT_OPERATOR_TOKEN: `${OPERATOR}, ${OPERATOR}_old` }).KEYPORT_OPERATOR_TOKEN).toBe(`${OPERATOR}, ${OPERATOR}_old`);
    expect(parseEnv({}).KEYPORT_OPERATOR_TOKEN).toBeUndefined();
    // A generated token (lib/bootstrap/operator-token.ts: kpo_ + base58 of 32 bytes) is ≥ 44 characters.
    expect(parseEnv({ KEYPORT_OPERATOR_TOKEN: `kpo_${"1".repeat(40)}` }).KEYPORT_OPERATOR_TOKEN).toHaveLength(44);
  });
});

/** Attack suite — guessing the operator token: failures count per client address, like code redemptions. */
describe.each(BACKENDS)("attack: operator token guessing on %s", (backend) => {
  let h: Harness;
  const list = (token: string, headers: Record<string, string> = {}) => post(h.url, "/operator/v1/workspaces.list", {}, token, headers);

  beforeAll(async () => {
    process.env.KEYPORT_OPERATOR_TOKEN = OPERATOR;
    process.env.KEYPORT_EXCHANGE_FAILURE_LIMIT = String(LIMIT);
    resetEnvForTests();
    h = await openHarness(backend);
  });
  // Each case starts in a fresh one-minute window (every request here comes from 127.0.0.1).
  beforeEach(() => advanceToNextWindow(60_000));
  afterAll(async () => {
    await h.close();
    delete process.env.KEYPORT_OPERATOR_TOKEN;
    delete process.env.KEYPORT_EXCHANGE_FAILURE_LIMIT;
    resetEnvForTests();
  });

  it("past the limit → 429 rate_limited with Retry-After for wrong tokens; X-Forwarded-For does not reset it; the right token still works; the next minute counts anew", async () => {
    for (let i = 0; i < LIMIT; i++) expectError(await list(`kpo_guess_${i}`), 401, "keyport/authentication/operator_token_invalid");
    const before = now();
    const limited = await list("kpo_guess_last");
    const left = windowLeft(before, now(), 60_000);
    expectError(limited, 429, "user/too_many_requests/rate_limited");
    // What is left of this minute's window, in whole seconds rounded up.
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(Math.ceil(left.min / 1000));
    expect(retryAfter).toBeLessThanOrEqual(Math.ceil(left.max / 1000));
    expect(limited.body.error.detail).toMatch(/failed operator authentications/);
    expectError(await list("kpo_guess_spoof", { "X-Forwarded-For": "203.0.113.9" }), 429, "user/too_many_requests/rate_limited");
    // A flood of bad tokens from a shared address must not lock the operator out.
    const right = await list(OPERATOR);
    expect(right.status, right.text).toBe(200);

    advanceToNextWindow(60_000);
    expectError(await list("kpo_guess_next_minute"), 401, "keyport/authentication/operator_token_invalid");
  });

  it("the right token, a missing header and a malformed one count nothing", async () => {
    for (let i = 0; i < LIMIT * 2; i++) expect((await list(OPERATOR)).status).toBe(200);
    for (let i = 0; i < LIMIT * 2; i++) expectError(await post(h.url, "/operator/v1/workspaces.list", {}), 401, "unkey/authentication/missing");
    expectError(await list(`kpo_guess_within_limit`), 401, "keyport/authentication/operator_token_invalid");
  });

  it("operator failures and code-redemption failures count apart", async () => {
    for (let i = 0; i <= LIMIT; i++) await list(`kpo_guess_${i}`);
    expectError(await list("kpo_guess_more"), 429, "user/too_many_requests/rate_limited");
    expectError(await post(h.url, "/v2/portal.exchangeCode", { code: "pst_guess" }), 401, "unkey/authentication/portal_session_not_found");
  });
});
