import { Writable } from "node:stream";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unsealConsoleToken } from "@/lib/console/session-cookie";
import { sha256 } from "@/lib/crypto/secrets";
import { setLogger } from "@/lib/log";
import { mintConsoleLink, postSignIn } from "@/lib/testing/console-fixtures";
import { codeOf } from "@/lib/testing/portal-fixtures";
import { ORIGIN, type Harness, openHarness, seedTenant, type Tenant } from "@/lib/testing/harness";
import { post } from "@/lib/testing/fixtures";
import { BACKENDS } from "@/lib/testing/test-db";
import { flushVerificationEvents } from "@/lib/verification/record-event";

/**
 * Secrets never leak: every log line at level trace is captured while a
 * representative flow runs — root key, keys, verifications, sessions, exchanges, portal calls by
 * cookie and Bearer, console links, sign-in and sign-out, and failures — then the whole output is searched for every secret the flow
 * created, and for their hashes. The capturing logger has no `redact`: the secrets must never be
 * handed to the logger at all.
 */
describe.each(BACKENDS)("secrets never leak on %s", (backend) => {
  let h: Harness;
  let t: Tenant;
  const lines: string[] = [];
  const secrets = new Set<string>();
  const errorBodies: string[] = [];

  const keep = (...values: (string | undefined | null)[]) => {
    for (const v of values) if (v) secrets.add(v);
  };
  /** Records a response: secrets in it, and the body of every error. */
  const seen = <R extends Awaited<ReturnType<typeof post>>>(res: R): R => {
    const d = res.body?.data;
    if (d && typeof d === "object" && !Array.isArray(d)) keep(d.key, d.rootKey, d.accessToken, d.token, typeof d.url === "string" ? new URL(d.url).searchParams.get("session") : undefined);
    for (const c of res.headers.getSetCookie()) keep(c.split(";")[0]?.slice("portal_session=".length) || undefined);
    if (res.status >= 400) errorBodies.push(res.text);
    return res;
  };

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    setLogger(pino({ level: "trace", base: { service: "keyport" } }, sink));
    h = await openHarness(backend);
    t = await seedTenant(h.url, "Acme");
    keep(t.rootKey);
  });
  afterAll(async () => {
    await h.close();
    setLogger(pino({ level: "silent" }));
  });

  it("drives the representative flow (with failures) and finds no secret in any log line", async () => {
    const p = async (path: string, body: unknown, token?: string, headers: Record<string, string> = {}) => seen(await post(h.url, `/v2/${path}`, body, token, headers));

    // Root-key plane.
    const created = seen(await post(h.url, "/v2/keys.createKey", { apiId: t.apiId, externalId: "user_123", name: "prod", credits: { remaining: 2 } }, t.rootKey));
    expect(created.status).toBe(200);
    for (let i = 0; i < 4; i++) await p("keys.verifyKey", { key: created.body.data.key }, t.rootKey);
    await p("keys.verifyKey", { key: `${created.body.data.key}x` }, t.rootKey);
    await p("keys.whoami", { key: created.body.data.key }, t.rootKey);
    const rerolled = await p("keys.rerollKey", { keyId: created.body.data.keyId, expiration: 60_000 }, t.rootKey);
    expect(rerolled.status).toBe(200);
    await p("keys.getKey", { keyId: created.body.data.keyId }, t.rootKey);

    // Sessions: both forms, exchange by both endpoints, cookie and Bearer, failures.
    const s1 = await p("portal.createSession", { slug: t.slug, externalId: "user_123", permissions: ["api.*.read_key", "api.*.create_key", "api.*.reroll_key", "api.*.update_key", "api.*.delete_key", "api.*.read_analytics"] }, t.rootKey);
    const s2 = await p("portal.createSession", { portal: t.slug, externalId: "user_123", scopes: ["keys:read", "keys:create"] }, t.rootKey);
    const e1 = await p("portal.exchangeCode", { code: codeOf(s1.body.data.url) });
    const e2 = await p("portal.exchangeSession", { sessionId: codeOf(s2.body.data.url) });
    expect([e1.status, e2.status]).toEqual([200, 200]);
    await p("portal.exchangeCode", { code: codeOf(s1.body.data.url) }); // replay → 401
    await p("portal.exchangeCode", { code: codeOf(s1.body.data.url) }, undefined, { Cookie: e1.headers.getSetCookie()[0]?.split(";")[0] ?? "" }); // retry with cookie → 200
    const cookie = e1.headers.getSetCookie()[0]?.split(";")[0] ?? "";
    const token = e1.body.data.accessToken as string;
    await p("portal.listKeys", {}, undefined, { Cookie: cookie });
    await p("portal.listKeys", {}, token);
    await p("portal.listKeys", {}, undefined, { Cookie: `portal_session=${token}` });
    const pk = await p("portal.createKey", { name: "mine" }, undefined, { Cookie: cookie, Origin: ORIGIN });
    expect(pk.status).toBe(200);
    await p("portal.rerollKey", { keyId: pk.body.data.keyId, expiration: 0 }, token);
    await p("portal.updateKey", { keyId: pk.body.data.keyId, name: "x" }, token); // 404: rerolled away
    await p("portal.getVerifications", { startTime: Date.now() - 3_600_000, endTime: Date.now() + 60_000 }, token);
    await p("portal.deleteKey", { keyId: created.body.data.keyId }, undefined, { Cookie: cookie }); // 403: no Origin
    await p("portal.getSession", {}, `${token}x`); // 401
    await p("portal.getSession", {}, t.rootKey); // 401: root key on a portal endpoint
    await p("portal.getSession", {}, undefined, { Cookie: `${cookie.slice(0, -4)}AAAA` }); // tampered
    await p("apis.getApi", { apiId: t.apiId }, `${t.rootKey}x`); // unknown root key
    await p("apis.getApi", { apiId: t.apiId }, t.rootKey, { Authorization: `Basic ${t.rootKey}` }); // malformed
    await p("keys.createKey", `{"apiId":"${t.apiId}","name":`, t.rootKey); // broken JSON
    await p("keys.getKey", { keyId: "key_\u0000nul" }, t.rootKey); // a byte Postgres refuses in text
    await p("portal.logout", {}, undefined, { Cookie: cookie, Origin: ORIGIN });
    await p("portal.revokeSession", { externalId: "user_123" }, t.rootKey);
    await p("portal.listKeys", {}, e2.body.data.token); // revoked → 401

    // The console: links of both scopes, the sign-in, a replay, a cross-site attempt, sign out.
    for (const workspaceId of [undefined, t.workspaceId]) {
      const link = await mintConsoleLink(workspaceId);
      keep(link.code);
      await fetch(link.url.replace(ORIGIN, h.url));
      await postSignIn(h.url, link.code, "https://evil.example");
      const signedIn = await postSignIn(h.url, link.code);
      expect(signedIn.status).toBe(303);
      const seal = signedIn.cookie!.slice("console_session=".length);
      keep(seal, await unsealConsoleToken(seal));
      await postSignIn(h.url, link.code); // replay → 410
      await fetch(`${h.url}/console/sign-out`, { method: "POST", redirect: "manual", headers: { Cookie: signedIn.cookie!, Origin: ORIGIN } });
    }
    await flushVerificationEvents();

    const secretList = [...secrets];
    expect(secretList.length).toBeGreaterThanOrEqual(10);
    const output = lines.join("");
    expect(lines.length).toBeGreaterThan(20); // the flow did log (request lines at least)
    for (const secret of secretList) {
      for (const needle of [secret, sha256(secret), encodeURIComponent(secret)]) {
        expect(output.includes(needle), `log output contains a secret (${secret.slice(0, 8)}…)`).toBe(false);
      }
      // Nor any 16-character stretch of it (a secret cut in half is still a leak).
      const body = secret.replace(/^[a-z]+_/, "");
      for (let i = 0; i + 16 <= body.length; i += 8) expect(output.includes(body.slice(i, i + 16)), `log holds part of ${secret.slice(0, 8)}…`).toBe(false);
    }
    // Request lines carry request ids.
    expect(output).toMatch(/"requestId":"req_/);
  });

  it("error bodies never carry stack traces, SQL or driver internals", () => {
    // The eleven failures the flow provokes: the replayed code, the rerolled-away update, the delete
    // without Origin, three bad portal credentials, two bad root keys, broken JSON, the NUL id, the revoked session.
    expect(errorBodies).toHaveLength(11);
    for (const body of errorBodies) {
      expect(body).not.toMatch(/\bat [\w.<>]+ \(|\.ts:\d+|\.js:\d+|node_modules/);
      expect(body).not.toMatch(/\b(select|insert into|update|delete from)\b .*\b(from|set|values|where)\b/i);
      expect(body).not.toMatch(/postgres|pglite|drizzle|ECONN|syntax error|violates|relation "/i);
      for (const secret of secrets) expect(body.includes(secret)).toBe(false);
    }
  });
});
