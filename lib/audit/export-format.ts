import type { AuditEventView } from "@/lib/audit/list-events";

/**
 * The two export formats of the audit log (docs/console.md "Audit log and usage"): CSV (RFC 4180) and
 * a JSON array of events shaped exactly as /v2/audit.listEvents answers them. Pure text functions, so
 * the stream (export-stream.ts) only pages and encodes.
 */
export const EXPORT_FORMATS = {
  csv: { contentType: "text/csv; charset=utf-8", extension: "csv" },
  json: { contentType: "application/json; charset=utf-8", extension: "json" },
} as const;
export type ExportFormat = keyof typeof EXPORT_FORMATS;

export function parseExportFormat(value: string | null | undefined): ExportFormat | undefined {
  return value === "csv" || value === "json" ? value : undefined;
}

export const CSV_COLUMNS = ["id", "time", "actor_type", "actor_id", "event", "resource_id", "request_id", "meta"] as const;

/**
 * One CSV field. A spreadsheet runs a cell that begins with = + - @ (or a tab or carriage return that
 * hides one) as a formula, so such a cell gets a leading single quote (OWASP, "CSV Injection"); then a
 * field holding a quote, comma or line break is quoted, with its quotes doubled (RFC 4180).
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const CRLF = "\r\n";

export function csvHeader(): string {
  return CSV_COLUMNS.join(",") + CRLF;
}

/** One event as a CSV record: time as ISO 8601 UTC to the millisecond, meta as its JSON. */
export function csvRecord(e: AuditEventView): string {
  const fields = [e.id, new Date(e.time).toISOString(), e.actor.type, e.actor.id, e.event, e.resourceId ?? "", e.requestId ?? "", e.meta === undefined ? "" : JSON.stringify(e.meta)];
  return fields.map(csvField).join(",") + CRLF;
}

/**
 * The JSON array, written in pieces: `[`, then each event on its own line with a comma before every one
 * but the first, then `]`. Concatenated, the pieces are one JSON document however many batches made it.
 */
export function jsonOpen(): string {
  return "[";
}
export function jsonRecord(e: AuditEventView, first: boolean): string {
  return `${first ? "\n" : ",\n"}${JSON.stringify(e)}`;
}
export function jsonClose(empty: boolean): string {
  return empty ? "]\n" : "\n]\n";
}

/** `keyport-audit-ws_123-2026-11-27.csv`: the workspace and the day (UTC) of the export. */
export function exportFileName(workspaceId: string, format: ExportFormat, at: number): string {
  const safeId = workspaceId.replace(/[^A-Za-z0-9_-]/g, "");
  return `keyport-audit-${safeId}-${new Date(at).toISOString().slice(0, 10)}.${EXPORT_FORMATS[format].extension}`;
}
