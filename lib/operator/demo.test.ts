import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { verificationEvents } from "@/db/schema";
import { BACKENDS } from "@/lib/testing/test-db";
import { useTestApp } from "@/lib/testing/test-app";
import { post } from "@/lib/testing/fixtures";

const TOKEN = "kpo_demo_test_token_0123456789abcdefghij";

describe.each(BACKENDS)("operator demo on %s", (backend) => {
  const app = useTestApp(backend, { env: { KEYPORT_OPERATOR_TOKEN: TOKEN } });

  it("seeds a workspace, API, user_123 with 3 keys and history, a branded portal, and a working portal link", async () => {
    const res = await post(app.url, "/operator/v1/demo", {}, TOKEN);
    expect(res.status).toBe(200);
    const d = res.body.data;
    expect(d).toMatchObject({ workspaceName: "Demo", created: true, slug: "demo", externalId: "user_123" });
    expect(d.keys).toHaveLength(3);
    expect(d.portalUrl).toMatch(new RegExp(`/portal/${d.portalId}\\?session=pst_`));

    const keys = await post(app.url, "/v2/apis.listKeys", { apiId: d.apiId, externalId: "user_123" }, d.rootKey);
    expect(keys.status).toBe(200);
    expect(keys.body.data).toHaveLength(3);
    // The seeded day of history (lib/operator/seed-demo.ts): 180 verifications of Production, 60 of
    // Staging, none of Local development; every 23rd rate limited.
    const events = await app.db.db.select().from(verificationEvents).where(eq(verificationEvents.workspaceId, d.workspaceId));
    const perKey = Object.fromEntries(d.keys.map((k: { keyId: string; name: string }) => [k.name, events.filter((e) => e.keyId === k.keyId).length]));
    expect(perKey).toEqual({ Production: 180, Staging: 60, "Local development": 0 });
    const perOutcome: Record<string, number> = {};
    for (const e of events) perOutcome[e.outcome] = (perOutcome[e.outcome] ?? 0) + 1;
    expect(perOutcome).toEqual({ VALID: 229, RATE_LIMITED: 11 });

    // The keys agree with that history: made before it, last used at their newest verification (never,
    // without one), and each valid verification spent one of the template's 10,000 credits.
    type Listed = { keyId: string; name: string; start: string; createdAt: number; lastUsedAt?: number; credits?: { remaining: number }; ratelimits: unknown[] };
    const listed = new Map((keys.body.data as Listed[]).map((k) => [k.name, k]));
    for (const name of ["Production", "Staging", "Local development"]) {
      const key = listed.get(name)!;
      const own = events.filter((e) => e.keyId === key.keyId);
      const newest = own.length ? Math.max(...own.map((e) => e.time)) : undefined;
      expect(key.lastUsedAt, name).toBe(newest);
      // Made before its history began.
      expect(Math.min(...own.map((e) => e.time)), name).toBeGreaterThan(key.createdAt);
      expect(key.credits, name).toEqual({ remaining: 10_000 - own.filter((e) => e.outcome === "VALID").length });
      expect(key.start, name).toMatch(/^demo_/);
    }
    expect(listed.get("Production")!.credits).toEqual({ remaining: 9_828 });
    expect(listed.get("Local development")!.lastUsedAt).toBeUndefined();
    const templateLimit = expect.objectContaining({ name: "requests", limit: 100, duration: 60_000, autoApply: true });

    const portal = await post(app.url, "/operator/v1/portals.get", { workspaceId: d.workspaceId, portal: "demo" }, TOKEN);
    expect(portal.body.data).toMatchObject({ displayName: "Demo Co", primaryColor: "#0f766e", apiIds: [d.apiId] });

    const code = new URL(d.portalUrl).searchParams.get("session");
    const exchanged = await post(app.url, "/v2/portal.exchangeCode", { code });
    expect(exchanged.status).toBe(200);
    expect(exchanged.body.data.accessToken).toBeTruthy();
    const session = await post(app.url, "/v2/portal.getSession", {}, exchanged.body.data.accessToken);
    expect(session.status).toBe(200);
    expect(JSON.stringify(session.body.data)).toContain("read_analytics");

    // A key the user creates in the portal has the same limits the seeded keys started with.
    const made = await post(app.url, "/v2/portal.createKey", { name: "Made in the portal" }, exchanged.body.data.accessToken);
    expect(made.status).toBe(200);
    const after = await post(app.url, "/v2/apis.listKeys", { apiId: d.apiId, externalId: "user_123" }, d.rootKey);
    const fresh = (after.body.data as Listed[]).find((k) => k.name === "Made in the portal")!;
    expect(fresh.credits).toEqual({ remaining: 10_000 });
    expect(fresh.start).toMatch(/^demo_/);
    for (const key of [fresh, ...listed.values()]) expect(key.ratelimits, key.name).toEqual([templateLimit]);
  });

  it("running it again reuses the workspace and mints a fresh link", async () => {
    const first = (await post(app.url, "/operator/v1/workspaces.list", {}, TOKEN)).body.data.workspaces.length;
    const again = await post(app.url, "/operator/v1/demo", {}, TOKEN);
    expect(again.status).toBe(200);
    expect(again.body.data.created).toBe(false);
    expect(again.body.data.keys).toEqual([]);
    expect((await post(app.url, "/operator/v1/workspaces.list", {}, TOKEN)).body.data.workspaces.length).toBe(first);
    expect(again.body.data.portalUrl).toContain("session=pst_");
  });
});
