import { eq } from "drizzle-orm";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { portalConfigs } from "@/db/schema";
import { resolvePortalSessionFromCookie } from "@/lib/portal-sessions/resolve-session";
import { openSession, seedApi, seedPortal } from "@/lib/testing/portal-fixtures";
import { clearUnsealCacheForTests, UNSEAL_CACHE_MAX_ENTRIES, UNSEAL_CACHE_TTL_MS, unsealOnce } from "@/lib/portal-sessions/unseal-cache";
import { expectError } from "@/lib/testing/expect-error";
import { post, seedWorkspace } from "@/lib/testing/fixtures";
import { BACKENDS } from "@/lib/testing/test-db";
import { useTestApp } from "@/lib/testing/test-app";

// Counts real unseals (each is PBKDF2 + AES + HMAC per secret tried) without changing what they do.
const unseals = vi.hoisted(() => ({ count: 0 }));
vi.mock("iron-session", async (importOriginal) => {
  const real = await importOriginal<typeof import("iron-session")>();
  return {
    ...real,
    unsealData: (...args: Parameters<typeof real.unsealData>) => {
      unseals.count++;
      return real.unsealData(...args);
    },
  };
});

const ORIGIN = "http://localhost:3000";
const NOT_FOUND = "unkey/authentication/portal_session_not_found";

describe("unsealOnce", () => {
  const secrets = ["s1"];
  const at = 1_000_000;
  let calls: number;
  const unseal = (value: Record<string, string> | undefined) => async () => {
    calls++;
    return value;
  };
  beforeEach(() => {
    clearUnsealCacheForTests();
    calls = 0;
  });

  it("unseals a seal once, also for concurrent callers, and hands each caller its own copy", async () => {
    const [a, b] = await Promise.all([unsealOnce("seal", secrets, at, unseal({ pc_1: "pat_1" })), unsealOnce("seal", secrets, at, unseal({ pc_1: "pat_1" }))]);
    expect(calls).toBe(1);
    expect(a).toEqual({ pc_1: "pat_1" });
    delete a?.pc_1;
    expect(b).toEqual({ pc_1: "pat_1" });
    expect(await unsealOnce("seal", secrets, at + 1, unseal({}))).toEqual({ pc_1: "pat_1" });
    expect(calls).toBe(1);
  });

  it("remembers a failed unseal as invalid", async () => {
    expect(await unsealOnce("bad", secrets, at, unseal(undefined))).toBeUndefined();
    expect(await unsealOnce("bad", secrets, at, unseal({ pc_1: "pat_1" }))).toBeUndefined();
    expect(calls).toBe(1);
  });

  it("an entry lasts 60 s, never past the seal's own expiry, and only under the same secret list", async () => {
    await unsealOnce("seal", secrets, at, unseal({}));
    await unsealOnce("seal", secrets, at + UNSEAL_CACHE_TTL_MS - 1, unseal({}));
    expect(calls).toBe(1);
    await unsealOnce("seal", secrets, at + UNSEAL_CACHE_TTL_MS, unseal({}));
    expect(calls).toBe(2);
    await unsealOnce("seal", ["s1"], at + UNSEAL_CACHE_TTL_MS, unseal({}));
    expect(calls).toBe(3);

    const sealEndingSoon = `Fe26.2*1*salt*iv*data*${at + 1000}*hsalt*hmac~2`;
    await unsealOnce(sealEndingSoon, secrets, at, unseal({}));
    await unsealOnce(sealEndingSoon, secrets, at + 999, unseal({}));
    expect(calls).toBe(4);
    await unsealOnce(sealEndingSoon, secrets, at + 1000, unseal({}));
    expect(calls).toBe(5);
  });

  it(`holds at most ${UNSEAL_CACHE_MAX_ENTRIES} seals, dropping the oldest`, async () => {
    for (let i = 0; i <= UNSEAL_CACHE_MAX_ENTRIES; i++) await unsealOnce(`seal_${i}`, secrets, at, unseal({}));
    expect(calls).toBe(UNSEAL_CACHE_MAX_ENTRIES + 1);
    await unsealOnce(`seal_${UNSEAL_CACHE_MAX_ENTRIES}`, secrets, at, unseal({}));
    await unsealOnce("seal_1", secrets, at, unseal({}));
    expect(calls).toBe(UNSEAL_CACHE_MAX_ENTRIES + 1);
    await unsealOnce("seal_0", secrets, at, unseal({}));
    expect(calls).toBe(UNSEAL_CACHE_MAX_ENTRIES + 2);
  });

  it("does not remember an unseal that threw", async () => {
    await expect(unsealOnce("boom", secrets, at, () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await unsealOnce("boom", secrets, at, unseal({ pc_1: "pat_1" }))).toEqual({ pc_1: "pat_1" });
  });
});

describe.each(BACKENDS)("cached seals over HTTP on %s", (backend) => {
  const app = useTestApp(backend);
  let rootKey: string;
  let workspaceId: string;
  let apiId: string;
  let portalId: string;

  beforeAll(async () => {
    ({ rootKey, workspaceId } = await seedWorkspace());
    apiId = await seedApi(workspaceId);
    portalId = await seedPortal(workspaceId, { slug: "cached", apiIds: [apiId] });
  });
  afterEach(() => {
    unseals.count = 0;
  });

  const open = (slug = "cached", extra: Record<string, unknown> = {}) =>
    openSession(app.url, rootKey, { slug, externalId: "user_1", permissions: ["api.*.read_key"], ...extra });
  const getSession = (cookie: string) => post(app.url, "/v2/portal.getSession", {}, undefined, { Cookie: cookie });

  it("revoking a session ends it at once, even while its seal is cached", async () => {
    const s = await open();
    expect((await getSession(s.cookie)).status).toBe(200);
    unseals.count = 0;
    expect((await post(app.url, "/v2/portal.revokeSession", { sessionId: s.sessionId }, rootKey)).body.data).toEqual({ revoked: 1 });
    expectError(await getSession(s.cookie), 401, NOT_FOUND);
    await expect(resolvePortalSessionFromCookie(s.cookie.slice("portal_session=".length), portalId)).rejects.toMatchObject({ code: NOT_FOUND });
    // The seal came from the cache: the refusal is the session row's answer.
    expect(unseals.count).toBe(0);
  });

  it("disabling the portal answers 403 at once through a cached seal; a preview seal keeps working", async () => {
    const pc = await seedPortal(workspaceId, { slug: "toggled", apiIds: [apiId] });
    const s = await open("toggled");
    const preview = await open("toggled", { preview: true });
    expect((await getSession(s.cookie)).status).toBe(200);
    expect((await getSession(preview.cookie)).status).toBe(200);
    await app.db.db.update(portalConfigs).set({ enabled: false }).where(eq(portalConfigs.id, pc));
    const res = await getSession(s.cookie);
    expectError(res, 403, "unkey/authorization/forbidden");
    expect(res.body.error.detail).toBe("This portal is disabled. Ask the company that sent you here to enable it, then open a new link.");
    const p = await getSession(preview.cookie);
    expect(p.status, p.text).toBe(200);
    expect(p.body.data.preview).toBe(true);
  });

  it("one request unseals its cookie once: logout reads the seal to authenticate and again to rebuild it", async () => {
    const s = await open();
    unseals.count = 0;
    const res = await post(app.url, "/v2/portal.logout", {}, undefined, { Cookie: s.cookie, Origin: ORIGIN });
    expect(res.status, res.text).toBe(200);
    expect(res.headers.getSetCookie()[0]).toMatch(/^portal_session=; .*Max-Age=0/);
    expect(unseals.count).toBe(1);
    expectError(await getSession(s.cookie), 401, NOT_FOUND);
  });

  it("page renders and API calls of one visit share the unsealed seal; a bad seal is refused from the cache too", async () => {
    const s = await open();
    const seal = s.cookie.slice("portal_session=".length);
    unseals.count = 0;
    expect((await resolvePortalSessionFromCookie(seal, portalId)).sessionId).toBe(s.sessionId);
    expect((await resolvePortalSessionFromCookie(seal, portalId)).sessionId).toBe(s.sessionId);
    expect((await getSession(s.cookie)).status).toBe(200);
    expect(unseals.count).toBe(1);

    const flipped = seal.slice(0, 40) + (seal[40] === "A" ? "B" : "A") + seal.slice(41);
    for (let i = 0; i < 3; i++) expectError(await getSession(`portal_session=${flipped}`), 401, NOT_FOUND);
    expect(unseals.count).toBe(2);
  });
});
