import "server-only";
import type { Db } from "@/db/client";
import { errorResponse } from "@/lib/api/reply";
import { auditSearchError, parseAuditSearch } from "@/lib/audit/audit-search";
import { EXPORT_FORMATS, exportFileName, parseExportFormat } from "@/lib/audit/export-format";
import { auditExportStream } from "@/lib/audit/export-stream";
import { env } from "@/lib/env";
import { newId } from "@/lib/ids";

/**
 * The answer of the console's export (`…/audit/export?format=csv|json&<the list's filters>`), for a
 * workspace the caller may read: the filtered log as a download, streamed. A bad format or filter is
 * a 400 in the API's error envelope; nothing is read then.
 */
export function auditExportResponse(db: Db, p: { workspaceId: string; params: URLSearchParams; timeZone: string; at: number }): Response {
  const format = parseExportFormat(p.params.get("format"));
  const search = parseAuditSearch(p.params, p.timeZone);
  const problems = [...(format ? [] : [{ location: "query.format", message: "The export format must be csv or json.", fix: "Add format=csv or format=json." }]), ...search.errors];
  if (!format || !search.query) return errorResponse(newId("req"), env().PUBLIC_URL, auditSearchError(problems));
  const stream = auditExportStream(db, { workspaceId: p.workspaceId, ...search.query }, format);
  return new Response(stream, {
    status: 200,
    headers: {
      "Content-Type": EXPORT_FORMATS[format].contentType,
      "Content-Disposition": `attachment; filename="${exportFileName(p.workspaceId, format, p.at)}"`,
      // The log names who did what: no shared cache may keep it.
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
