import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { auditLog, consoleLinks, consoleSessions } from "@/db/schema";
import { advanceClock, advanceToNextWindow, now, resetClock } from "@/lib/clock";
import { sha256 } from "@/lib/crypto/secrets";
import { resetEnvForTests } from "@/lib/env";
import { LINK_TTL_MS } from "@/lib/console/session-policy";
import { CONSOLE_ORIGIN, mintConsoleLink, postSignIn } from "@/lib/testing/console-fixtures";
import { expectError } from "@/lib/testing/expect-error";
import { post, seedWorkspace } from "@/lib/testing/fixtures";
import { useTestApp } from "@/lib/testing/test-app";
import { BACKENDS } from "@/lib/testing/test-db";

const TOKEN = "kpo_console_links_test_token_0123456789abcdef";

/**
 * Console links (docs/console.md "Signing in"): minted by the operator, 192 bits, stored as SHA-256
 * only, 15 minutes, opened by a page that changes nothing, redeemed once by the same-origin Continue
 * POST — one winner of any race — into a session of the link's scope.
 */
describe.each(BACKENDS)("console links on %s", (backend) => {
  const app = useTestApp(backend, { env: { KEYPORT_OPERATOR_TOKEN: TOKEN } });
  let workspaceId: string;
  const rows = async <T>(q: ReturnType<typeof sql>) => {
    const r = (await app.db.db.execute(q)) as unknown;
    return (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];
  };
  const sessionCount = async () => (await app.db.db.select().from(consoleSessions)).length;

  beforeAll(async () => {
    ({ workspaceId } = await seedWorkspace("Linked"));
  });
  afterEach(() => {
    advanceToNextWindow(60_000);
    delete process.env.KEYPORT_EXCHANGE_FAILURE_LIMIT;
    resetEnvForTests();
  });
  afterAll(() => resetClock());

  it("console.createLink answers a sign-in URL with ≥128 random bits, valid 15 minutes, and stores only its SHA-256", async () => {
    const before = now();
    const res = await post(app.url, "/operator/v1/console.createLink", {}, TOKEN);
    expect(res.status, res.text).toBe(200);
    expect(Object.keys(res.body.data).sort()).toEqual(["expiresAt", "url"]);
    const url = new URL(res.body.data.url);
    expect(`${url.origin}${url.pathname}`).toBe("http://localhost:3000/console/sign-in");
    const code = url.searchParams.get("code")!;
    // 24 random bytes in base58: 32 or 33 characters, far above 128 bits.
    expect(code).toMatch(/^kcl_[1-9A-HJ-NP-Za-km-z]{32,33}$/);
    expect(res.body.data.expiresAt).toBeGreaterThanOrEqual(before + LINK_TTL_MS);
    expect(res.body.data.expiresAt).toBeLessThanOrEqual(now() + LINK_TTL_MS);

    const [row] = await app.db.db.select().from(consoleLinks).where(eq(consoleLinks.codeHash, sha256(code)));
    expect(row).toMatchObject({ workspaceId: null, usedAt: null, expiresAt: res.body.data.expiresAt });
    const dump = JSON.stringify(await rows(sql`select * from console_links`));
    expect(dump).not.toContain(code);
    expect(dump).not.toContain(code.slice(4, 20));
    // Two links never share a code.
    const again = await post(app.url, "/operator/v1/console.createLink", {}, TOKEN);
    expect(new URL(again.body.data.url).searchParams.get("code")).not.toBe(code);
  });

  it("a workspace link needs an existing workspace, and is in that workspace's audit log", async () => {
    expectError(await post(app.url, "/operator/v1/console.createLink", { workspaceId: "ws_nope" }, TOKEN), 404, "keyport/data/workspace_not_found");
    expectError(await post(app.url, "/operator/v1/console.createLink", { workspaceId: "" }, TOKEN), 400, "unkey/application/invalid_input");
    expectError(await post(app.url, "/operator/v1/console.createLink", { workspace: workspaceId }, TOKEN), 400, "unkey/application/invalid_input");
    const res = await post(app.url, "/operator/v1/console.createLink", { workspaceId }, TOKEN);
    expect(res.status, res.text).toBe(200);
    const events = await app.db.db.select().from(auditLog).where(eq(auditLog.workspaceId, workspaceId));
    expect(events.filter((e) => e.event === "console.link.create")).toEqual([
      expect.objectContaining({ actorType: "operator", actorId: "operator", resourceId: expect.stringMatching(/^cl_/) }),
    ]);
  });

  it("opening the link changes nothing and names what it opens; Continue signs in once, into the link's scope", async () => {
    const link = await mintConsoleLink(workspaceId);
    for (let i = 0; i < 3; i++) {
      const page = await fetch(link.url.replace("http://localhost:3000", app.url));
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain("Sign in to the console");
      expect(html).toContain("Linked");
      expect(html).toContain(workspaceId);
      expect(html).toContain('method="post"');
      expect(page.headers.get("cache-control")).toContain("no-store");
    }
    const [unused] = await app.db.db.select().from(consoleLinks).where(eq(consoleLinks.codeHash, sha256(link.code)));
    expect(unused?.usedAt).toBeNull();

    const res = await postSignIn(app.url, link.code);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`http://localhost:3000/console/w/${workspaceId}`);
    const [session] = await app.db.db.select().from(consoleSessions).orderBy(sql`created_at desc`).limit(1);
    expect(session).toMatchObject({ workspaceId, revokedAt: null });
    expect(session?.id).toMatch(/^cs_/);

    const operator = await mintConsoleLink();
    const op = await postSignIn(app.url, operator.code);
    expect(op.status).toBe(303);
    expect(op.headers.get("location")).toBe("http://localhost:3000/console");
    const [opSession] = await app.db.db.select().from(consoleSessions).orderBy(sql`created_at desc`, sql`id`).limit(2);
    expect([opSession?.workspaceId, session?.workspaceId]).toContain(null);
  });

  it("20 browsers pressing Continue on one link at once: exactly one is signed in", async () => {
    const link = await mintConsoleLink(workspaceId);
    const before = await sessionCount();
    const answers = await Promise.all(Array.from({ length: 20 }, () => postSignIn(app.url, link.code)));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([303, ...Array<number>(19).fill(410)]);
    expect(answers.filter((a) => a.cookie)).toHaveLength(1);
    expect(await sessionCount()).toBe(before + 1);
    const losers = answers.filter((a) => a.status === 410);
    expect(losers.every((a) => a.text.includes("This sign-in link has been used"))).toBe(true);
  });

  it("a used link, opened or posted again, says so (410) and signs nobody in", async () => {
    const link = await mintConsoleLink();
    expect((await postSignIn(app.url, link.code)).status).toBe(303);
    const before = await sessionCount();
    const page = await fetch(`${app.url}/console/sign-in?code=${link.code}`);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain("This sign-in link has been used");
    const again = await postSignIn(app.url, link.code);
    expect(again.status).toBe(410);
    expect(again.cookie).toBeUndefined();
    expect(await sessionCount()).toBe(before);
  });

  it("after 15 minutes the link has expired (410) whether opened or posted; nothing is written", async () => {
    const link = await mintConsoleLink(workspaceId);
    advanceClock(LINK_TTL_MS - 1000);
    expect((await fetch(`${app.url}/console/sign-in?code=${link.code}`)).status).toBe(200);
    advanceClock(1000);
    const page = await fetch(`${app.url}/console/sign-in?code=${link.code}`);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain("This sign-in link has expired");
    const before = await sessionCount();
    const res = await postSignIn(app.url, link.code);
    expect(res.status).toBe(410);
    expect(res.cookie).toBeUndefined();
    expect(await sessionCount()).toBe(before);
    const [row] = await app.db.db.select().from(consoleLinks).where(eq(consoleLinks.codeHash, sha256(link.code)));
    expect(row?.usedAt).toBeNull();
  });

  it("an unknown, cut-off or missing code is 401 with its page", async () => {
    const link = await mintConsoleLink();
    for (const code of ["kcl_4MkVQKnNqUEomn8xEVeRkV3DF4TyoCuAkpQ", link.code.slice(0, -3), "pst_abc", "x".repeat(5000)]) {
      const page = await fetch(`${app.url}/console/sign-in?code=${encodeURIComponent(code)}`);
      expect(page.status, code.slice(0, 20)).toBe(401);
      expect(await page.text()).toContain("This sign-in link isn’t valid");
      expect((await postSignIn(app.url, code)).status).toBe(401);
    }
    const bare = await fetch(`${app.url}/console/sign-in`);
    expect(bare.status).toBe(401);
    expect(await bare.text()).toContain("This sign-in link isn’t complete");
    // The cut-off link's full code still works: failures never touched it.
    expect((await postSignIn(app.url, link.code)).status).toBe(303);
  });

  it("Continue from another origin, with Origin: null or with no signal is 403 and leaves the link unused", async () => {
    const link = await mintConsoleLink(workspaceId);
    const before = await sessionCount();
    for (const origin of ["https://evil.example", "null", "http://localhost:3000.evil.example", null]) {
      const res = await postSignIn(app.url, link.code, origin);
      expect(res.status, String(origin)).toBe(403);
      expect(res.cookie).toBeUndefined();
    }
    expect((await postSignIn(app.url, link.code, null, { "Sec-Fetch-Site": "cross-site" })).status).toBe(403);
    expect(await sessionCount()).toBe(before);
    // Without Origin, Sec-Fetch-Site: same-origin is the browser's own word for it.
    expect((await postSignIn(app.url, link.code, null, { "Sec-Fetch-Site": "same-origin" })).status).toBe(303);
  });

  it("failed redemptions count per address: past the limit a bad code is 429; a good one still signs in", async () => {
    process.env.KEYPORT_EXCHANGE_FAILURE_LIMIT = "3";
    resetEnvForTests();
    for (let i = 0; i < 3; i++) expect((await postSignIn(app.url, `kcl_${"2".repeat(32)}${i}`)).status).toBe(401);
    const limited = await postSignIn(app.url, `kcl_${"3".repeat(33)}`);
    expect(limited.status).toBe(429);
    expect(limited.text).toContain("Too many attempts");
    const link = await mintConsoleLink();
    expect((await postSignIn(app.url, link.code)).status).toBe(303);
  });

  it("the answers never contain a code or token beyond the form that carries it", async () => {
    const link = await mintConsoleLink();
    const res = await postSignIn(app.url, link.code);
    expect(res.text).not.toContain(link.code);
    expect(res.setCookie).not.toContain("kcs_");
    expect(res.headers.get("location")).not.toContain(link.code);
    expect(CONSOLE_ORIGIN).toBe("http://localhost:3000");
  });
});
