import { describe, expect, it } from "vitest";
import { auditSearchError, auditSearchParams, parseAuditSearch } from "@/lib/audit/audit-search";
import { ACTOR_TYPES } from "@/lib/audit/write-audit";

describe("the console's audit search", () => {
  it("turns URL parameters into the filters of audit.listEvents, times in the viewer's zone", () => {
    const parsed = parseAuditSearch(
      { actorType: "root_key", actor: " key_abc ", action: "key.update", resource: "key_1", from: "2026-11-26T22:05", to: "2026-11-26T23:00" },
      "Asia/Tokyo",
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.query).toEqual({
      actorType: "root_key",
      actorId: "key_abc",
      events: ["key.update"],
      resourceId: "key_1",
      since: Date.UTC(2026, 10, 26, 13, 5),
      // "to 23:00" includes the whole minute 23:00.
      until: Date.UTC(2026, 10, 26, 14, 1),
    });
    expect(parsed.values.actor).toBe("key_abc");
    // With seconds, "to" includes that second only.
    expect(parseAuditSearch({ to: "2026-11-26T23:00:30" }, "UTC").query).toEqual({ until: Date.UTC(2026, 10, 26, 23, 0, 31) });
  });

  it("filters nothing when nothing is asked, and reads URLSearchParams alike", () => {
    expect(parseAuditSearch({}, "UTC")).toEqual({ values: { actorType: "", actor: "", action: "", resource: "", from: "", to: "" }, errors: [], query: {} });
    expect(parseAuditSearch(new URLSearchParams("action=api.create&cursor=x"), "UTC").query).toEqual({ events: ["api.create"] });
    // A repeated parameter (an edited URL) is not guessed at: the form shows it empty.
    expect(parseAuditSearch({ action: ["api.create", "key.create"] }, "UTC").query).toEqual({});
  });

  it("names each bad field and filters nothing then, rather than showing more than was asked", () => {
    const parsed = parseAuditSearch({ actorType: "robot", action: "key.explode", from: "2026-02-31T10:00", resource: "r".repeat(257) }, "UTC");
    expect(parsed.query).toBeUndefined();
    expect(parsed.errors.map((e) => e.location)).toEqual(["query.actorType", "query.action", "query.resource", "query.from"]);
    expect(parsed.errors[0]?.fix).toContain(ACTOR_TYPES.join(", "));
    const backwards = parseAuditSearch({ from: "2026-11-27T10:00", to: "2026-11-27T09:00" }, "UTC");
    expect(backwards.errors).toEqual([expect.objectContaining({ location: "query.to", message: "The end of the time range is before its start." })]);
    const err = auditSearchError(parsed.errors);
    expect(err.status).toBe(400);
    expect(err.code).toBe("unkey/application/invalid_input");
    expect(err.errors).toHaveLength(4);
  });

  it("writes the search back as parameters, empty fields left out", () => {
    const { values } = parseAuditSearch({ action: "key.create", from: "2026-11-27T10:00" }, "UTC");
    expect(auditSearchParams(values, { format: "csv" }).toString()).toBe("action=key.create&from=2026-11-27T10%3A00&format=csv");
  });
});
