import { describe, expect, it } from "vitest";
import { holdsPermission, permissionCovers } from "@/lib/auth/permissions";

describe("permissionCovers", () => {
  it.each([
    ["*", "api.api_1.create_key", true],
    ["*", "portal.pc_1.create_portal_session", true],
    ["api.*.create_key", "api.api_1.create_key", true],
    ["api.api_1.create_key", "api.api_1.create_key", true],
    ["api.api_1.create_key", "api.api_2.create_key", false],
    ["api.*.create_key", "api.*.create_key", true],
    ["api.*.*", "api.api_1.read_key", true],
    // near misses
    ["api.*.create_keys", "api.api_1.create_key", false],
    ["api.*", "api.api_1.create_key", false],
    ["api.*.create_key", "api.api_1.create_key.extra", false],
    ["api.*.create_key", "api.create_key", false],
    ["api.*.read_key", "api.api_1.read_api", false],
    ["API.*.create_key", "api.api_1.create_key", false],
    ["api.**.create_key", "api.api_1.create_key", false],
    ["*.*.create_key", "api.api_1.create_key", true],
    ["", "api.api_1.create_key", false],
    ["api.api_1.create_key", "*", false],
    ["portal.*.create_portal_session", "portal.pc_9.create_portal_session", true],
    ["portal.pc_1.create_portal_session", "portal.pc_2.create_portal_session", false],
  ])("%j covers %j → %s", (held, needed, expected) => {
    expect(permissionCovers(held, needed)).toBe(expected);
  });

  it("holds when any held permission covers the need", () => {
    expect(holdsPermission(["api.*.read_key", "api.api_1.create_key"], "api.api_1.create_key")).toBe(true);
    expect(holdsPermission(["api.*.read_key"], "api.api_1.create_key")).toBe(false);
    expect(holdsPermission([], "api.api_1.read_key")).toBe(false);
  });
});
