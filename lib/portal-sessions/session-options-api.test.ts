import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { portalSessions } from "@/db/schema";
import { expectError } from "@/lib/testing/expect-error";
import { post, seedWorkspace } from "@/lib/testing/fixtures";
import { codeOf, seedApi, seedPortal } from "@/lib/testing/portal-fixtures";
import { BACKENDS } from "@/lib/testing/test-db";
import { useTestApp } from "@/lib/testing/test-app";

/** createSession's locale, theme and intent: stored on the row, answered by getSession (docs/sessions.md). */
describe.each(BACKENDS)("createSession locale, theme and intent on %s", (backend) => {
  const app = useTestApp(backend);
  let rootKey: string;
  let portalId: string;

  beforeAll(async () => {
    const ws = await seedWorkspace();
    rootKey = ws.rootKey;
    portalId = await seedPortal(ws.workspaceId, { slug: "my-portal", apiIds: [await seedApi(ws.workspaceId)] });
  });

  const create = (body: Record<string, unknown>) => post(app.url, "/v2/portal.createSession", { externalId: "user_1", ...body }, rootKey);
  const rowOf = async (id: string) => (await app.db.db.select().from(portalSessions).where(eq(portalSessions.id, id)))[0];
  const sessionOf = async (url: string) => {
    const exchanged = await post(app.url, "/v2/portal.exchangeCode", { code: codeOf(url) });
    expect(exchanged.status, exchanged.text).toBe(200);
    const got = await post(app.url, "/v2/portal.getSession", {}, exchanged.body.data.accessToken);
    expect(got.status, got.text).toBe(200);
    return got.body.data;
  };

  it("the older form stores the canonical locale, the theme and the intent, and getSession answers them", async () => {
    const res = await create({ slug: "my-portal", permissions: ["api.*.read_key", "api.*.create_key"], locale: "fr-fr", theme: "dark", intent: "create_key" });
    expect(res.status, res.text).toBe(200);
    expect(Object.keys(res.body.data).sort()).toEqual(["sessionId", "url"]);
    expect(res.body.data.url).not.toMatch(/locale|theme|intent|fr-FR|dark/);
    expect(await rowOf(res.body.data.sessionId)).toMatchObject({ locale: "fr-FR", theme: "dark", intent: "create_key" });
    expect(await sessionOf(res.body.data.url)).toMatchObject({ portalId, locale: "fr-FR", theme: "dark", intent: "create_key" });
  });

  it("the SDK form takes them too; without them a session is English-by-default, system theme, keys", async () => {
    const sdk = await create({ portal: portalId, scopes: ["analytics:read"], locale: "ja", theme: "light", intent: "usage" });
    expect(sdk.status, sdk.text).toBe(200);
    expect(Object.keys(sdk.body.data).sort()).toEqual(["id", "url"]);
    expect(await sessionOf(sdk.body.data.url)).toMatchObject({ locale: "ja", theme: "light", intent: "usage" });

    const plain = await create({ portal: "my-portal", scopes: ["keys:read"] });
    expect(await rowOf(plain.body.data.id)).toMatchObject({ locale: null, theme: "system", intent: "keys" });
    const session = await sessionOf(plain.body.data.url);
    expect(session).toMatchObject({ theme: "system", intent: "keys" });
    expect(session).not.toHaveProperty("locale");
  });

  it.each([
    [{ locale: "de_DE" }, "body.locale", /BCP 47/],
    [{ locale: "x".repeat(65) }, "body.locale", /64/],
    [{ theme: "midnight" }, "body.theme", /./],
    [{ intent: "billing" }, "body.intent", /./],
  ])("%j is 400 at %s and mints nothing", async (extra, location, message) => {
    const before = (await app.db.db.select({ id: portalSessions.id }).from(portalSessions)).length;
    const res = await create({ slug: "my-portal", permissions: ["api.*.read_key"], ...extra });
    expectError(res, 400, "unkey/application/invalid_input");
    expect(res.body.error.errors[0]).toMatchObject({ location, message: expect.stringMatching(message), fix: expect.any(String) });
    expect((await app.db.db.select({ id: portalSessions.id }).from(portalSessions)).length).toBe(before);
  });

  it.each([
    [{ slug: "my-portal", permissions: ["api.*.read_key"], intent: "create_key" }, "create_key"],
    [{ portal: "my-portal", scopes: ["keys:read", "keys:create"], intent: "usage" }, "read_analytics"],
    [{ slug: "my-portal", permissions: ["api.*.read_analytics"], intent: "keys" }, "read_key"],
  ])("an intent the permissions do not allow is 400 naming the permission (%j)", async (body, permission) => {
    const res = await create(body);
    expectError(res, 400, "unkey/application/invalid_input");
    expect(res.body.error.errors[0].location).toBe("body.intent");
    expect(res.body.error.errors[0].message).toContain(permission);
    expect(res.body.error.errors[0].fix).toContain(`api.*.${permission}`);
  });

  it("intent docs needs no permission of its own", async () => {
    const res = await create({ slug: "my-portal", permissions: ["api.*.read_key"], intent: "docs" });
    expect(res.status, res.text).toBe(200);
  });
});
