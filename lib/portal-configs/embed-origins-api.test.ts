import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, portalConfigs } from "@/db/schema";
import { expectError } from "@/lib/testing/expect-error";
import { post } from "@/lib/testing/fixtures";
import { BACKENDS } from "@/lib/testing/test-db";
import { useTestApp } from "@/lib/testing/test-app";

const TOKEN = "kpo_embed_origins_operator_token_0123456789";

/** embedOrigins through the operator API (docs/api.md "Operator API", docs/embedding.md). */
describe.each(BACKENDS)("portal embedOrigins through the operator API on %s", (backend) => {
  const app = useTestApp(backend, { env: { KEYPORT_OPERATOR_TOKEN: TOKEN } });
  const op = (name: string, body: unknown) => post(app.url, `/operator/v1/${name}`, body, TOKEN);

  async function portal(slug: string, extra: Record<string, unknown> = {}) {
    const ws = await op("workspaces.create", { name: `Embed ${slug}` });
    const workspaceId = ws.body.data.workspaceId as string;
    const api = await op("apis.create", { workspaceId, name: "production" });
    const created = await op("portals.create", { workspaceId, slug, apiIds: [api.body.data.apiId], ...extra });
    return { workspaceId, created };
  }

  it("defaults to [] (nobody may frame), and the operator's list is stored normalised, deduplicated, in order", async () => {
    const plain = await portal("plain");
    expect(plain.created.status, plain.created.text).toBe(200);
    expect(plain.created.body.data.embedOrigins).toEqual([]);

    const { workspaceId, created } = await portal("framed", { embedOrigins: ["https://App.Example.com/", "http://localhost:5173", "https://app.example.com:443", "https://*.Example.org"] });
    expect(created.status, created.text).toBe(200);
    const origins = ["https://app.example.com", "http://localhost:5173", "https://*.example.org"];
    expect(created.body.data.embedOrigins).toEqual(origins);
    const [row] = await app.db.db.select().from(portalConfigs).where(eq(portalConfigs.id, created.body.data.portalId));
    expect(row?.embedOrigins).toEqual(origins);
    expect((await op("portals.get", { workspaceId, portal: "framed" })).body.data.embedOrigins).toEqual(origins);
    expect((await op("portals.list", { workspaceId })).body.data.portals[0].embedOrigins).toEqual(origins);
  });

  it("update replaces the list, [] clears it, and leaving it out keeps it; each change is audited by field", async () => {
    const { workspaceId, created } = await portal("updated", { embedOrigins: ["https://a.example.com"] });
    const portalId = created.body.data.portalId as string;
    const replaced = await op("portals.update", { workspaceId, portal: "updated", embedOrigins: ["https://b.example.com", "https://b.example.com/"] });
    expect(replaced.status, replaced.text).toBe(200);
    expect(replaced.body.data.embedOrigins).toEqual(["https://b.example.com"]);
    expect((await op("portals.update", { workspaceId, portal: "updated", maxKeys: 3 })).body.data.embedOrigins).toEqual(["https://b.example.com"]);
    const cleared = await op("portals.update", { workspaceId, portal: portalId, embedOrigins: [] });
    expect(cleared.body.data.embedOrigins).toEqual([]);
    const audits = await app.db.db.select().from(auditLog).where(eq(auditLog.resourceId, portalId));
    expect(audits.filter((a) => a.event === "portal.update").map((a) => (a.meta as { fields: string[] }).fields)).toEqual([["embedOrigins"], ["maxKeys"], ["embedOrigins"]]);
  });

  it("a bad origin is 400 invalid_input naming the entry, with the rule and a fix; nothing is written", async () => {
    const { workspaceId } = await portal("strict", { embedOrigins: ["https://ok.example.com"] });
    for (const [bad, rule] of [
      ["http://evil.example", /must use https/],
      ["https://app.example.com/embed", /no path/],
      ["https://*.com", /two labels/],
      ["https://a.*.example.com", /leading label/],
      ["*", /origin such as/],
    ] as const) {
      const res = await op("portals.update", { workspaceId, portal: "strict", embedOrigins: ["https://fine.example.com", bad] });
      expectError(res, 400, "unkey/application/invalid_input");
      const [e] = res.body.error.errors;
      expect(e.location).toBe("body.embedOrigins.1");
      expect(e.message).toMatch(rule);
      expect(e.fix).toMatch(/https:\/\/app\.example\.com or http:\/\/localhost:5173/);
    }
    const tooMany = await op("portals.update", { workspaceId, portal: "strict", embedOrigins: Array.from({ length: 21 }, (_, i) => `https://a${i}.example.com`) });
    expectError(tooMany, 400, "unkey/application/invalid_input");
    expect(tooMany.body.error.errors[0]).toMatchObject({ location: "body.embedOrigins", message: expect.stringMatching(/at most 20/) });
    expect((await op("portals.get", { workspaceId, portal: "strict" })).body.data.embedOrigins).toEqual(["https://ok.example.com"]);
  });
});
