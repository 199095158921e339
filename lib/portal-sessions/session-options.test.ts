import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { landingPath, shouldOpenCreateDialog } from "@/lib/portal-sessions/intent";
import { CREATE_DIALOG_FLAG } from "@/lib/portal-sessions/intent-flag";
import type { PortalSessionContext } from "@/lib/portal-sessions/session-context";
import { assertIntentAllowed, localeSchema } from "@/lib/portal-sessions/session-options";

describe("createSession intent needs the permission it opens", () => {
  const granted = (...actions: string[]) => actions.map((a) => `api.api_1.${a}`);

  it.each([
    ["keys", granted("read_key")],
    ["keys", granted("reroll_key")],
    ["create_key", granted("create_key")],
    ["usage", granted("read_analytics")],
    ["docs", []],
  ] as const)("%s with %j is allowed", (intent, perms) => {
    expect(() => assertIntentAllowed(intent, perms)).not.toThrow();
  });

  it.each([
    ["create_key", granted("read_key", "read_analytics"), "create_key", "keys:create"],
    ["usage", granted("read_key", "create_key"), "read_analytics", "analytics:read"],
    ["keys", granted("read_analytics"), "read_key", "keys:read"],
  ] as const)("%s with %j is 400 naming %s", (intent, perms, permission, scope) => {
    let err: unknown;
    try {
      assertIntentAllowed(intent, perms);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    expect(e.status).toBe(400);
    expect(e.code).toBe("unkey/application/invalid_input");
    expect(e.errors?.[0]?.location).toBe("body.intent");
    expect(e.errors?.[0]?.message).toContain(permission);
    expect(e.errors?.[0]?.fix).toContain(`api.*.${permission}`);
    expect(e.errors?.[0]?.fix).toContain(scope);
  });

  it("locale is stored canonical; a malformed tag is refused with a fix", () => {
    expect(localeSchema.parse("fr-fr")).toBe("fr-FR");
    const r = localeSchema.safeParse("de_DE");
    expect(r.error?.issues[0]?.message).toMatch(/not a BCP 47/);
    expect((r.error?.issues[0] as { params?: { fix?: string } }).params?.fix).toMatch(/"fr-FR"/);
  });
});

describe("where a new session lands", () => {
  const session = (intent: PortalSessionContext["intent"], actions: string[], preview = false) =>
    ({ portalId: "pc_1", intent, preview, permissions: actions.map((a) => `api.api_1.${a}`), portal: { apiIds: ["api_1"] } }) as unknown as PortalSessionContext;

  it("the tab its intent names", () => {
    expect(landingPath(session("keys", ["read_key"]))).toBe("/portal/pc_1/keys");
    expect(landingPath(session("create_key", ["read_key", "create_key"]))).toBe(`/portal/pc_1/keys?${CREATE_DIALOG_FLAG}=1`);
    expect(landingPath(session("usage", ["read_analytics"]))).toBe("/portal/pc_1/analytics");
    expect(landingPath(session("docs", []))).toBe("/portal/pc_1/docs");
  });

  it("its first tab when the intent's permission is gone (an API left the portal) or by default", () => {
    expect(landingPath(session("create_key", ["read_key"]))).toBe("/portal/pc_1/keys");
    expect(landingPath(session("usage", ["read_key"]))).toBe("/portal/pc_1/keys");
    expect(landingPath(session("keys", ["read_analytics"]))).toBe("/portal/pc_1/analytics");
    expect(landingPath(session("keys", []))).toBe("/portal/pc_1/docs");
  });

  it("the keys page opens its create dialog only for the flag, a create permission and a live session", () => {
    const flag = { [CREATE_DIALOG_FLAG]: "1" };
    expect(shouldOpenCreateDialog(session("create_key", ["create_key"]), flag)).toBe(true);
    expect(shouldOpenCreateDialog(session("create_key", ["create_key"]), {})).toBe(false);
    expect(shouldOpenCreateDialog(session("create_key", ["create_key"]), { [CREATE_DIALOG_FLAG]: ["1", "1"] })).toBe(false);
    expect(shouldOpenCreateDialog(session("keys", ["read_key"]), flag)).toBe(false);
    expect(shouldOpenCreateDialog(session("create_key", ["create_key"], true), flag)).toBe(false);
  });
});
