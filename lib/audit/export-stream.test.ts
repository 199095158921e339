import { and, asc, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { type AuditFilter } from "@/db/queries/audit";
import { auditLog } from "@/db/schema";
import { CSV_COLUMNS, csvField, exportFileName } from "@/lib/audit/export-format";
import { auditExportChunks, auditExportStream, EXPORT_BATCH } from "@/lib/audit/export-stream";
import { type AuditEventView, toAuditEvent } from "@/lib/audit/list-events";
import { parseCsv } from "@/lib/testing/csv";
import { BACKENDS, openTestDatabase } from "@/lib/testing/test-db";

const WS = "ws_export_a";
const OTHER = "ws_export_b";
const ROWS = 2_600;
const T0 = Date.UTC(2026, 10, 1);

/** Cells a spreadsheet would run as formulas, and cells that need quoting, spread over the rows. */
const TRICKY_ACTORS = ["=HYPERLINK(\"http://evil.test\",\"x\")", "+1+1", "-2", "@SUM(A1)", "\tcmd", "\rcmd", 'quote "inside"', "comma, here", "line\nbreak", "crlf\r\nbreak", "plain"];

const rowAt = (i: number, workspaceId = WS) => ({
  // Seven events per millisecond: many ties on time, so batches break inside a run of equal times.
  time: T0 + Math.floor(i / 7),
  workspaceId,
  actorType: i % 3 === 0 ? "operator" : "root_key",
  actorId: TRICKY_ACTORS[i % TRICKY_ACTORS.length] ?? "plain",
  event: i % 2 === 0 ? "key.create" : "key.update",
  resourceId: i % 5 === 0 ? null : `key_${i % 40}`,
  meta: i % 4 === 0 ? null : { n: i, note: 'has "quotes", commas,\nand a line break', requestId: `req_${i}` },
});

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe.each(BACKENDS)("the audit export stream on %s", (backend) => {
  let handle: DbHandle;

  /** What the export must hold: the filter's rows read straight from the table, newest first. */
  const expected = async (filter: Partial<AuditFilter> = {}): Promise<AuditEventView[]> => {
    const conds = [eq(auditLog.workspaceId, WS)];
    if (filter.actorId) conds.push(eq(auditLog.actorId, filter.actorId));
    if (filter.events) conds.push(eq(auditLog.event, filter.events[0] ?? ""));
    const rows = await handle.db.select().from(auditLog).where(and(...conds)).orderBy(desc(auditLog.time), desc(auditLog.id));
    return rows.map(toAuditEvent);
  };

  beforeAll(async () => {
    handle = await openTestDatabase(backend);
    const rows = Array.from({ length: ROWS }, (_, i) => rowAt(i));
    for (let i = 0; i < rows.length; i += 500) await handle.db.insert(auditLog).values(rows.slice(i, i + 500));
    await handle.db.insert(auditLog).values(Array.from({ length: 30 }, (_, i) => rowAt(i, OTHER)));
  });
  afterAll(async () => {
    await handle.close();
  });

  it("streams every row of the workspace as CSV (RFC 4180), newest first, in batches, and nothing of another workspace", async () => {
    const csv = await text(auditExportStream(handle.db, { workspaceId: WS }, "csv"));
    const [header, ...records] = parseCsv(csv);
    expect(header).toEqual([...CSV_COLUMNS]);
    const want = await expected();
    expect(want).toHaveLength(ROWS);
    expect(records).toHaveLength(ROWS);
    records.forEach((r, i) => {
      const e = want[i];
      if (!e) throw new Error(`no expected row ${i}`);
      const unguard = (cell: string | undefined) => (cell && /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);
      expect(r[0]).toBe(e.id);
      expect(Date.parse(r[1] ?? "")).toBe(e.time);
      expect(r[2]).toBe(e.actor.type);
      expect(unguard(r[3])).toBe(e.actor.id);
      expect(r[4]).toBe(e.event);
      expect(r[5]).toBe(e.resourceId ?? "");
      expect(r[6]).toBe(e.requestId ?? "");
      expect(r[7] ? JSON.parse(r[7]) : undefined).toEqual(e.meta);
    });
    expect(csv).not.toContain("ws_export_b");
    // Each batch is a page of the keyset, and the pages meet exactly: no row twice, none lost at a tie.
    expect(new Set(records.map((r) => r[0])).size).toBe(ROWS);
  });

  it("reads the database one batch at a time, never the whole set", async () => {
    const chunks: string[] = [];
    for await (const c of auditExportChunks(handle.db, { workspaceId: WS }, "csv")) chunks.push(c);
    const perChunk = chunks.slice(1).map((c) => parseCsv(c).length);
    expect(perChunk).toEqual([EXPORT_BATCH, EXPORT_BATCH, ROWS - 2 * EXPORT_BATCH]);
    // A smaller batch gives more, smaller chunks of the same text.
    const small: string[] = [];
    for await (const c of auditExportChunks(handle.db, { workspaceId: WS }, "csv", 333)) small.push(c);
    expect(small.length).toBe(1 + Math.ceil(ROWS / 333));
    expect(small.join("")).toBe(chunks.join(""));
  });

  it("defuses formula cells and quotes what needs quoting", async () => {
    const csv = await text(auditExportStream(handle.db, { workspaceId: WS, actorType: "root_key" }, "csv"));
    expect(csv).toContain(`,"'=HYPERLINK(""http://evil.test"",""x"")",`);
    expect(csv).toContain(",'+1+1,");
    expect(csv).toContain(",'-2,");
    expect(csv).toContain(",'@SUM(A1),");
    expect(csv).toContain(",'\tcmd,");
    expect(csv).toContain(`,"'\rcmd",`);
    expect(csv).toContain(`,"quote ""inside""",`);
    expect(csv).toContain(`,"comma, here",`);
    expect(csv).toContain(`,"line\nbreak",`);
    expect(csv).toContain(`,"crlf\r\nbreak",`);
    expect(csvField("=1+1")).toBe("'=1+1");
    expect(csvField("a=1")).toBe("a=1");
    expect(csvField("")).toBe("");
    expect(csvField('=A1,"x"')).toBe(`"'=A1,""x"""`);
  });

  it("streams a JSON array of events shaped as audit.listEvents answers them", async () => {
    const json = await text(auditExportStream(handle.db, { workspaceId: WS }, "json"));
    const events = JSON.parse(json) as AuditEventView[];
    expect(events).toEqual(JSON.parse(JSON.stringify(await expected())));
    expect(events[0]?.id).toMatch(/^aud_\d+$/);
    expect(events.find((e) => e.meta)?.requestId).toMatch(/^req_\d+$/);
    expect(events.some((e) => e.meta && "requestId" in e.meta)).toBe(false);
  });

  it("exports exactly the filtered set, and an empty one as valid files", async () => {
    const filter = { workspaceId: WS, actorId: "-2", events: ["key.update"] };
    const want = (await expected(filter)).map((e) => e.id);
    expect(want.length).toBeGreaterThan(10);
    const json = JSON.parse(await text(auditExportStream(handle.db, filter, "json"))) as AuditEventView[];
    expect(json.map((e) => e.id)).toEqual(want);
    const [, ...records] = parseCsv(await text(auditExportStream(handle.db, filter, "csv")));
    expect(records.map((r) => r[0])).toEqual(want);

    const since = T0 + 100;
    const until = T0 + 200;
    const window = JSON.parse(await text(auditExportStream(handle.db, { workspaceId: WS, since, until }, "json"))) as AuditEventView[];
    expect(window).toHaveLength(100 * 7);
    expect(window.every((e) => e.time >= since && e.time < until)).toBe(true);

    const none = { workspaceId: "ws_nobody" };
    expect(await text(auditExportStream(handle.db, none, "json"))).toBe("[]\n");
    expect(JSON.parse(await text(auditExportStream(handle.db, none, "json")))).toEqual([]);
    expect(parseCsv(await text(auditExportStream(handle.db, none, "csv")))).toEqual([[...CSV_COLUMNS]]);
  });

  it("stops reading when the client goes away", async () => {
    const reader = auditExportStream(handle.db, { workspaceId: WS }, "csv").getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe(`${CSV_COLUMNS.join(",")}\r\n`);
    await reader.cancel();
    expect(await reader.read()).toEqual({ done: true, value: undefined });
  });

  it("names the file after the workspace and the day", () => {
    expect(exportFileName("ws_abc123", "csv", Date.UTC(2026, 10, 27, 23, 59))).toBe("keyport-audit-ws_abc123-2026-11-27.csv");
    expect(exportFileName("ws_abc\"; x", "json", Date.UTC(2026, 0, 2))).toBe("keyport-audit-ws_abcx-2026-01-02.json");
  });

  it("keeps the oldest row last", async () => {
    const [oldest] = await handle.db.select().from(auditLog).where(eq(auditLog.workspaceId, WS)).orderBy(asc(auditLog.time), asc(auditLog.id)).limit(1);
    const events = JSON.parse(await text(auditExportStream(handle.db, { workspaceId: WS }, "json"))) as AuditEventView[];
    expect(events.at(-1)?.id).toBe(`aud_${oldest?.id}`);
  });
});
