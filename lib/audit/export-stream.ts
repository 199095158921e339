import "server-only";
import type { Db } from "@/db/client";
import { type AuditFilter, listAuditPage } from "@/db/queries/audit";
import { csvHeader, csvRecord, type ExportFormat, jsonClose, jsonOpen, jsonRecord } from "@/lib/audit/export-format";
import { toAuditEvent } from "@/lib/audit/list-events";
import { log } from "@/lib/log";

/** Rows per database round trip: large enough that paging costs little, small enough to hold in memory. */
export const EXPORT_BATCH = 1000;

/**
 * The filtered log as text, one chunk per batch of rows, newest first: the same keyset pages as the
 * list (listAuditPage), so the export never holds more than one batch and has no row limit. A row
 * written while the export runs is newer than the first page, so it is left out rather than
 * shifting later pages.
 */
export async function* auditExportChunks(db: Db, filter: AuditFilter, format: ExportFormat, batch = EXPORT_BATCH): AsyncGenerator<string> {
  yield format === "csv" ? csvHeader() : jsonOpen();
  let before: { time: number; id: number } | undefined;
  let empty = true;
  for (;;) {
    const rows = await listAuditPage(db, { ...filter, before, limit: batch });
    const page = rows.slice(0, batch);
    let text = "";
    for (const row of page) {
      const event = toAuditEvent(row);
      text += format === "csv" ? csvRecord(event) : jsonRecord(event, empty);
      empty = false;
    }
    if (text) yield text;
    const last = page[page.length - 1];
    if (rows.length <= batch || !last) break;
    before = { time: last.time, id: last.id };
  }
  if (format === "json") yield jsonClose(empty);
}

/**
 * auditExportChunks as a byte stream for a Response. Pulled: the next batch is read only when the
 * client has taken the last one, so a slow download holds one batch, not the log. A database error
 * mid-way errors the stream, which aborts the download (a truncated file is never passed off as
 * whole); the log line names the error class only (docs/ARCHITECTURE.md "Invariants").
 */
export function auditExportStream(db: Db, filter: AuditFilter, format: ExportFormat, batch = EXPORT_BATCH): ReadableStream<Uint8Array> {
  const chunks = auditExportChunks(db, filter, format, batch);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (err) {
          log().error({ workspaceId: filter.workspaceId, err: err instanceof Error ? err.name : typeof err }, "audit export failed");
          controller.error(new Error("The audit export stopped: the database did not answer."));
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}
