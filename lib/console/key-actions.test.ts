import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, keys } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import type { ConsoleActing } from "@/lib/console/acting-auth";
import { consoleKeyDetail } from "@/lib/console/key-detail";
import { changeKeyCredits, deleteConfirmationText, deleteKeyConfirmed, setKeyEnabled } from "@/lib/console/key-actions";
import { post, seedWorkspace } from "@/lib/testing/fixtures";
import { BACKENDS } from "@/lib/testing/test-db";
import { useTestApp } from "@/lib/testing/test-app";

/** The console session the changes are made in; the audit log names it as the actor. */
const VIEWER = { sessionId: "cs_testsession", workspaceId: null };
const ACTOR = { type: "console", id: VIEWER.sessionId };

describe.each(BACKENDS)("console key actions on %s", (backend) => {
  const app = useTestApp(backend);
  let ws: { workspaceId: string; rootKey: string };
  let other: { workspaceId: string; rootKey: string };
  let apiId: string;
  let acting: ConsoleActing;

  const createKey = async (body: Record<string, unknown>) => {
    const res = await post(app.url, "/v2/keys.createKey", { apiId, ...body }, ws.rootKey);
    expect(res.status, res.text).toBe(200);
    return res.body.data as { keyId: string; key: string };
  };
  const verify = async (key: string) => (await post(app.url, "/v2/keys.verifyKey", { key }, ws.rootKey)).body.data;
  const events = async (keyId: string) =>
    app.db.db.select().from(auditLog).where(and(eq(auditLog.resourceId, keyId), eq(auditLog.actorId, ACTOR.id)));
  const failure = async (p: Promise<unknown>) => {
    const err = await p.then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    return err as ApiError;
  };

  beforeAll(async () => {
    ws = await seedWorkspace("Console");
    other = await seedWorkspace("Other");
    apiId = (await post(app.url, "/v2/apis.createApi", { name: "production" }, ws.rootKey)).body.data.apiId;
    acting = { db: app.db.db, workspaceId: ws.workspaceId, viewer: VIEWER };
  });

  it("disable → verifyKey answers DISABLED; enable → VALID again; each an audit event by the console session", async () => {
    const { keyId, key } = await createKey({ name: "toggle" });
    await setKeyEnabled(acting, keyId, false);
    expect(await verify(key)).toMatchObject({ valid: false, code: "DISABLED" });
    await setKeyEnabled(acting, keyId, true);
    expect(await verify(key)).toMatchObject({ valid: true, code: "VALID" });
    const written = await events(keyId);
    expect(written.map((e) => [e.event, e.actorType, e.workspaceId])).toEqual([
      ["key.update", ACTOR.type, ws.workspaceId],
      ["key.update", ACTOR.type, ws.workspaceId],
    ]);
  });

  it("credits: set, add, subtract, unlimited — verifyKey shows what is left", async () => {
    const { keyId, key } = await createKey({ name: "metered" });
    expect(await changeKeyCredits(acting, keyId, "set", "10")).toEqual({ remaining: 10 });
    expect((await verify(key)).credits).toBe(9);
    expect(await changeKeyCredits(acting, keyId, "increment", "1,000")).toEqual({ remaining: 1009 });
    expect(await changeKeyCredits(acting, keyId, "decrement", "9")).toEqual({ remaining: 1000 });
    expect((await verify(key)).credits).toBe(999);
    expect(await changeKeyCredits(acting, keyId, "decrement", "5000")).toEqual({ remaining: 0 });
    expect(await verify(key)).toMatchObject({ valid: false, code: "USAGE_EXCEEDED" });
    expect(await changeKeyCredits(acting, keyId, "unlimited", "")).toEqual({ remaining: null });
    const v = await verify(key);
    expect(v).toMatchObject({ valid: true, code: "VALID" });
    expect(v.credits).toBeUndefined();
    expect((await events(keyId)).map((e) => [e.event, e.meta])).toEqual([
      ["key.update_credits", { operation: "set", value: 10 }],
      ["key.update_credits", { operation: "increment", value: 1000 }],
      ["key.update_credits", { operation: "decrement", value: 9 }],
      ["key.update_credits", { operation: "decrement", value: 5000 }],
      ["key.update_credits", { operation: "set", value: null }],
    ]);
  });

  it("refuses a bad credits value or operation, and subtracting from unlimited, with the catalogue's invalid_input and no change", async () => {
    const { keyId } = await createKey({ name: "strict", credits: { remaining: 5 } });
    for (const [op, value, message] of [
      ["set", "ten", /whole number/],
      ["set", "-1", /whole number/],
      ["set", "99999999999", /whole number/],
      ["set", "2147483648", /whole number/],
      ["explode", "1", /Choose how/],
    ] as const) {
      const err = await failure(changeKeyCredits(acting, keyId, op, value));
      expect(err.code).toBe("unkey/application/invalid_input");
      expect(err.errors?.[0]?.message ?? err.detail).toMatch(message);
    }
    const [row] = await app.db.db.select().from(keys).where(eq(keys.id, keyId));
    expect(row?.creditsRemaining).toBe(5);
    const unlimited = await createKey({ name: "unlimited" });
    const err = await failure(changeKeyCredits(acting, unlimited.keyId, "decrement", "1"));
    expect(err.errors?.[0]?.message).toMatch(/unlimited credits/);
    expect(await events(keyId)).toEqual([]);
  });

  it("delete needs the key's name (or start) typed; then verifyKey answers NOT_FOUND and the audit names the console session", async () => {
    const named = await createKey({ name: "Doomed key" });
    expect(deleteConfirmationText({ name: "Doomed key", start: "x" })).toBe("Doomed key");
    for (const typed of ["", "doomed key", "Doomed", named.keyId]) {
      const err = await failure(deleteKeyConfirmed(acting, named.keyId, typed));
      expect(err.errors?.[0]?.message).toBe("Type Doomed key to delete this key.");
    }
    expect(await verify(named.key)).toMatchObject({ valid: true });
    await deleteKeyConfirmed(acting, named.keyId, "  Doomed key ");
    expect(await verify(named.key)).toMatchObject({ valid: false, code: "NOT_FOUND" });
    expect((await events(named.keyId)).map((e) => e.event)).toEqual(["key.delete"]);
    // Deleted: a second delete is key_not_found, and the detail page is gone.
    expect((await failure(deleteKeyConfirmed(acting, named.keyId, "Doomed key"))).code).toBe("unkey/data/key_not_found");
    expect(await consoleKeyDetail(app.db.db, ws.workspaceId, named.keyId)).toBeUndefined();

    const unnamed = await createKey({ prefix: "nn" });
    const start = unnamed.key.slice(0, 7);
    expect((await failure(deleteKeyConfirmed(acting, unnamed.keyId, "x"))).errors?.[0]?.message).toBe(`Type ${start} to delete this key.`);
    await deleteKeyConfirmed(acting, unnamed.keyId, start);
    expect(await verify(unnamed.key)).toMatchObject({ code: "NOT_FOUND" });
  });

  it("acting in another workspace never touches this one's key: key_not_found, nothing changed, nothing audited", async () => {
    const { keyId, key } = await createKey({ name: "mine", credits: { remaining: 3 } });
    const elsewhere: ConsoleActing = { ...acting, workspaceId: other.workspaceId };
    expect((await failure(setKeyEnabled(elsewhere, keyId, false))).code).toBe("unkey/data/key_not_found");
    expect((await failure(changeKeyCredits(elsewhere, keyId, "set", "100"))).code).toBe("unkey/data/key_not_found");
    expect((await failure(deleteKeyConfirmed(elsewhere, keyId, "mine"))).code).toBe("unkey/data/key_not_found");
    expect(await consoleKeyDetail(app.db.db, other.workspaceId, keyId)).toBeUndefined();
    expect(await verify(key)).toMatchObject({ valid: true, credits: 2 });
    expect(await events(keyId)).toEqual([]);
  });

  it("the key detail: settings, owner, API and where a rolled key's credits are held", async () => {
    const { keyId } = await createKey({ name: "detailed", externalId: "owner_7", meta: { plan: "pro" }, credits: { remaining: 40, refill: { interval: "daily", amount: 40 } } });
    const detail = await consoleKeyDetail(app.db.db, ws.workspaceId, keyId);
    expect(detail).toMatchObject({
      key: { id: keyId, name: "detailed", meta: { plan: "pro" }, enabled: true },
      identity: { externalId: "owner_7" },
      api: { id: apiId, name: "production" },
      status: "active",
      credits: { heldBy: keyId, remaining: 40, refill: { interval: "daily", amount: 40 } },
    });
    const rolled = await post(app.url, "/v2/keys.rerollKey", { keyId, expiration: 3_600_000 }, ws.rootKey);
    expect(rolled.status, rolled.text).toBe(200);
    const old = await consoleKeyDetail(app.db.db, ws.workspaceId, keyId);
    expect(old?.status).toBe("rolled");
    expect(old?.key.replacedBy).toBe(rolled.body.data.keyId);
    expect(old?.credits).toMatchObject({ heldBy: rolled.body.data.keyId, remaining: 40 });
  });
});
