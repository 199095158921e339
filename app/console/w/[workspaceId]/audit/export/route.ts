// GET /console/w/<ws>/audit/export?format=csv|json&<the list's filters> — the filtered audit log as a streamed download
import type { NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { auditExportResponse } from "@/lib/audit/export-response";
import { now } from "@/lib/clock";
import { requireWorkspaceView } from "@/lib/console/viewer";
import { viewerTimeZone } from "../../../../_components/viewer-time-zone";

export const dynamic = "force-dynamic";

/**
 * Under /console because the console's cookie is (Path=/console): the same session and workspace
 * check as the pages, so another workspace's log is the console's 404 (docs/console.md "Audit log and usage").
 */
export async function GET(req: NextRequest, { params }: { params: Promise<{ workspaceId: string }> }): Promise<Response> {
  const { workspaceId } = await params;
  const { workspace } = await requireWorkspaceView(workspaceId);
  const { timeZone } = await viewerTimeZone();
  return auditExportResponse(await getDb(), { workspaceId: workspace.id, params: req.nextUrl.searchParams, timeZone, at: now() });
}
