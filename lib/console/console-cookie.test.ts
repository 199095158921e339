import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { resetSessionSecretsForTests } from "@/lib/bootstrap/session-secrets";
import { resolveConsoleSession } from "@/lib/console/resolve-session";
import { sealConsoleToken, unsealConsoleToken } from "@/lib/console/session-cookie";
import { resetEnvForTests } from "@/lib/env";
import { sealSessions, unsealSessions } from "@/lib/portal-sessions/session-cookie";
import { mintConsoleLink, postSignIn, signedInConsole } from "@/lib/testing/console-fixtures";
import { expectError } from "@/lib/testing/expect-error";
import { post } from "@/lib/testing/fixtures";
import { ALL_PORTAL_PERMISSIONS, seedTenant } from "@/lib/testing/harness";
import { openSession } from "@/lib/testing/portal-fixtures";
import { useTestApp } from "@/lib/testing/test-app";
import { BACKENDS } from "@/lib/testing/test-db";

const TOKEN = "kpo_console_cookie_test_token_0123456789abcd";

function setEnv(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvForTests();
  resetSessionSecretsForTests();
}

/**
 * The console cookie (docs/security.md "The console cookie"): its attributes, and that it is never
 * valid anywhere but the console — not on the portal's pages or API, not on the root-key or operator
 * API, not even when its seal is put in the portal's cookie — and that no portal seal opens the console.
 */
describe.each(BACKENDS)("the console cookie on %s", (backend) => {
  const app = useTestApp(backend, { env: { KEYPORT_OPERATOR_TOKEN: TOKEN } });
  let tenant: Awaited<ReturnType<typeof seedTenant>>;
  afterEach(() => setEnv({ PUBLIC_URL: undefined, SESSION_SECRET: undefined }));
  beforeAll(async () => {
    tenant = await seedTenant(app.url, "Cookie Co", "cookie-portal");
  });

  it("is HttpOnly, SameSite=Strict, Path=/console, for the 7-day cap; Secure only when PUBLIC_URL is https", async () => {
    const link = await mintConsoleLink(tenant.workspaceId);
    const res = await postSignIn(app.url, link.code);
    expect(res.setCookie).toMatch(/^console_session=Fe26\.2\*[^;]+; Path=\/console; Max-Age=(604800|60479\d); HttpOnly; SameSite=Strict$/);

    setEnv({ PUBLIC_URL: "https://keys.example.com" });
    const secure = await mintConsoleLink(tenant.workspaceId);
    const https = await postSignIn(app.url, secure.code, "https://keys.example.com");
    expect(https.status).toBe(303);
    expect(https.headers.get("location")).toBe(`https://keys.example.com/console/w/${tenant.workspaceId}`);
    expect(https.setCookie).toMatch(/; HttpOnly; SameSite=Strict; Secure$/);
  });

  it("a console seal opens nothing on the portal or the API, in any cookie or header", async () => {
    const { cookie, seal } = await signedInConsole(app.url, tenant.workspaceId);
    expect(await resolveConsoleSession(await getDb(), seal)).toBeDefined();

    // The portal's endpoints, with the console cookie as the browser would never send it (Path=/console), …
    for (const path of ["/v2/portal.listKeys", "/v2/portal.getSession"]) {
      expectError(await post(app.url, path, {}, undefined, { Cookie: cookie, Origin: "http://localhost:3000" }), 401, "unkey/authentication/portal_token_missing");
      // … and with its seal moved into the portal's cookies.
      expectError(await post(app.url, path, {}, undefined, { Cookie: `portal_session=${seal}`, Origin: "http://localhost:3000" }), 401, "unkey/authentication/portal_session_not_found");
      expectError(await post(app.url, path, {}, undefined, { Cookie: `portal_session_embed=${seal}`, Origin: "http://localhost:3000" }), 401, "unkey/authentication/portal_session_not_found");
      expectError(await post(app.url, path, {}, seal), 401, "unkey/authentication/portal_session_not_found");
    }
    // The root-key API and the operator API read Authorization only.
    expectError(await post(app.url, "/v2/apis.getApi", { apiId: tenant.apiId }, undefined, { Cookie: cookie }), 401, "unkey/authentication/missing");
    expectError(await post(app.url, "/v2/apis.getApi", { apiId: tenant.apiId }, seal), 401, "unkey/authentication/key_not_found");
    expectError(await post(app.url, "/operator/v1/workspaces.list", {}, undefined, { Cookie: cookie }), 401, "unkey/authentication/missing");
    expectError(await post(app.url, "/operator/v1/workspaces.list", {}, seal), 401, "keyport/authentication/operator_token_invalid");
  });

  it("a portal seal, even of a live session, opens no console session", async () => {
    const portal = await openSession(app.url, tenant.rootKey, { slug: "cookie-portal", externalId: "alice", permissions: ALL_PORTAL_PERMISSIONS });
    const portalSeal = portal.cookie.slice("portal_session=".length);
    expect(await unsealSessions(portalSeal)).toBeDefined();
    expect(await unsealConsoleToken(portalSeal)).toBeUndefined();
    expect(await resolveConsoleSession(await getDb(), portalSeal)).toBeUndefined();
    expect(await resolveConsoleSession(await getDb(), portal.token)).toBeUndefined();
  });

  it("the two seals are of different purposes: one secret, neither opens as the other", async () => {
    const consoleSeal = await sealConsoleToken("kcs_abcdefghijkmnopqrstuvwxyz", 60);
    expect(await unsealConsoleToken(consoleSeal)).toBe("kcs_abcdefghijkmnopqrstuvwxyz");
    expect(await unsealSessions(consoleSeal)).toBeUndefined();
    // A portal seal built to look like a console one still fails: the password differs.
    const portalSeal = await sealSessions(Object.assign(Object.create(null), { pc_x: "pat_y" }), 60);
    expect(await unsealConsoleToken(portalSeal)).toBeUndefined();
  });

  it("a tampered, truncated or oversized seal is no session; a rotated secret still opens an older seal", async () => {
    const { seal } = await signedInConsole(app.url, tenant.workspaceId);
    const flipped = seal.slice(0, 40) + (seal[40] === "a" ? "b" : "a") + seal.slice(41);
    for (const bad of [flipped, seal.slice(0, -5), `x${seal}`, seal.replace("*1*", "*2*"), "", "x".repeat(5000)]) {
      expect(await resolveConsoleSession(await getDb(), bad)).toBeUndefined();
    }
    setEnv({ SESSION_SECRET: "console-test-secret-one-0123456789abcdef" });
    const old = await sealConsoleToken("kcs_rotatedTokenValue", 60);
    setEnv({ SESSION_SECRET: "console-test-secret-two-0123456789abcdef,console-test-secret-one-0123456789abcdef" });
    expect(await unsealConsoleToken(old)).toBe("kcs_rotatedTokenValue");
    setEnv({ SESSION_SECRET: "console-test-secret-two-0123456789abcdef" });
    expect(await unsealConsoleToken(old)).toBeUndefined();
  });
});
