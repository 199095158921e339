import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { auditLog } from "@/db/schema";
import { auditExportResponse } from "@/lib/audit/export-response";
import { expectError } from "@/lib/testing/expect-error";
import { parseCsv } from "@/lib/testing/csv";
import { BACKENDS, openTestDatabase } from "@/lib/testing/test-db";

const WS = "ws_response";
const AT = Date.UTC(2026, 10, 27, 15, 30);

describe.each(BACKENDS)("the audit export's answer on %s", (backend) => {
  let handle: DbHandle;
  const answer = (query: string, timeZone = "UTC") => auditExportResponse(handle.db, { workspaceId: WS, params: new URLSearchParams(query), timeZone, at: AT });
  const asParts = async (res: Response) => {
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: JSON.parse(text), text };
  };

  beforeAll(async () => {
    handle = await openTestDatabase(backend);
    await handle.db.insert(auditLog).values([
      { time: Date.UTC(2026, 10, 27, 9, 0), workspaceId: WS, actorType: "operator", actorId: "operator", event: "api.create", resourceId: "api_1" },
      { time: Date.UTC(2026, 10, 27, 10, 0), workspaceId: WS, actorType: "root_key", actorId: "key_root", event: "key.create", resourceId: "key_1" },
      { time: Date.UTC(2026, 10, 27, 11, 0), workspaceId: WS, actorType: "root_key", actorId: "key_root", event: "key.update", resourceId: "key_1" },
    ]);
  });
  afterAll(async () => {
    await handle.close();
  });

  it("downloads the filtered log as a named CSV attachment that no cache keeps", async () => {
    const res = answer("format=csv&actor=key_root");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="keyport-audit-ws_response-2026-11-27.csv"');
    expect(res.headers.get("cache-control")).toBe("no-store");
    const [, ...rows] = parseCsv(await res.text());
    expect(rows.map((r) => r[4])).toEqual(["key.update", "key.create"]);
  });

  it("reads from and to in the viewer's zone, as the list does", async () => {
    // 19:00–19:59 in Tokyo is 10:00–10:59 UTC: only key.create.
    const res = answer("format=json&from=2026-11-27T19:00&to=2026-11-27T19:59", "Asia/Tokyo");
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("content-disposition")).toContain('filename="keyport-audit-ws_response-2026-11-27.json"');
    expect((JSON.parse(await res.text()) as { event: string }[]).map((e) => e.event)).toEqual(["key.create"]);
  });

  it("refuses a missing or unknown format and bad filters with the error envelope, naming each", async () => {
    expectError(await asParts(answer("actor=key_root")), 400, "unkey/application/invalid_input");
    const both = await asParts(answer("format=xlsx&action=key.explode&from=yesterday"));
    expectError(both, 400, "unkey/application/invalid_input");
    expect(both.body.error.errors.map((e: { location: string }) => e.location)).toEqual(["query.format", "query.action", "query.from"]);
    expect(both.text).not.toContain("key_root");
  });
});
