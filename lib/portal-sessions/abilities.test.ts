import { describe, expect, it } from "vitest";
import { abilities } from "@/lib/portal-sessions/abilities";
import type { PortalSessionContext } from "@/lib/portal-sessions/session-context";

/** Only what abilities reads: the minted permissions and the APIs the portal covers now. */
function session(permissions: string[], apiIds: string[]): PortalSessionContext {
  return { permissions, portal: { apiIds } } as unknown as PortalSessionContext;
}

describe("abilities (which controls a portal page renders)", () => {
  it("follows the wildcard and per-API permissions on the portal's current APIs", () => {
    expect(abilities(session(["api.*.read_key", "api.api_a.delete_key"], ["api_a", "api_b"]))).toEqual({
      readKeys: true,
      create: false,
      reroll: false,
      rename: false,
      revoke: true,
      analytics: false,
      anyKey: true,
    });
  });

  it("drops a permission whose API the portal no longer covers (suffix matching would have kept it)", () => {
    const can = abilities(session(["api.api_gone.create_key", "api.api_gone.read_analytics"], ["api_a"]));
    expect(can.create).toBe(false);
    expect(can.analytics).toBe(false);
    expect(can.anyKey).toBe(false);
  });

  it("grants nothing on a portal without APIs, even to api.*", () => {
    expect(Object.values(abilities(session(["api.*.read_key", "api.*.create_key"], [])))).not.toContain(true);
  });
});
