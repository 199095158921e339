import { describe, expect, it } from "vitest";
import { evaluatePermissionQuery, parsePermissionQuery, PermissionQueryError } from "@/lib/verification/permission-query";

const held = ["documents.read", "users.view"];
const check = (q: string) => evaluatePermissionQuery(parsePermissionQuery(q), held);

describe("permission query (Unkey syntax)", () => {
  it.each([
    ["documents.read", true],
    ["documents.write", false],
    ["documents.read AND users.view", true],
    ["documents.read AND documents.write", false],
    ["documents.write OR users.view", true],
    ["(documents.read OR documents.write) AND users.view", true],
    ["(documents.write OR admin) AND users.view", false],
    ["documents.write OR documents.read AND users.view", true], // AND binds tighter
    ["(documents.write OR documents.read) and users.view", true], // operators are case-insensitive
  ])("%s → %s", (q, expected) => {
    expect(check(q)).toBe(expected);
  });

  it.each(["", "AND", "a AND", "(a OR b", "a OR b)", "a b", "a AND OR b", "a$b", "()"])("rejects %j", (q) => {
    expect(() => parsePermissionQuery(q)).toThrow(PermissionQueryError);
  });

  it("rejects deep nesting", () => {
    expect(() => parsePermissionQuery("(".repeat(30) + "a" + ")".repeat(30))).toThrow(PermissionQueryError);
  });
});
