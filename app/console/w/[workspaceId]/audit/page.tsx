import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { auditSearchParams, parseAuditSearch } from "@/lib/audit/audit-search";
import { listAuditEvents, readAuditCursor, type AuditEventView } from "@/lib/audit/list-events";
import { ACTOR_TYPES, AUDIT_EVENTS } from "@/lib/audit/write-audit";
import { CONSOLE_PAGE_SIZE } from "@/lib/console/paging";
import { requireWorkspaceView } from "@/lib/console/viewer";
import { now } from "@/lib/clock";
import { zoneLabel } from "@/lib/ui/time-zone";
import { TimeZoneSync } from "../../../../portal/_components/time-zone-sync";
import { AuditEventTable } from "../../../_components/audit-event-table";
import { AuditFilterForm } from "../../../_components/audit-filter-form";
import { EmptyState } from "../../../_components/empty-state";
import { NextPageLink } from "../../../_components/next-page-link";
import { PageHeader } from "../../../_components/page-header";
import { viewerTimeZone } from "../../../_components/viewer-time-zone";
import { CONSOLE_LOCALE } from "@/lib/console/locale";
import "../../../_components/audit-usage.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Audit log" };

/**
 * Every change in the workspace, newest first (docs/console.md "Audit log and usage"): filtered by
 * action, actor, resource and time (the viewer's zone), a page at a time through the same query as
 * /v2/audit.listEvents, and exported whole as CSV or JSON with the same filters.
 */
export default async function AuditPage({ params, searchParams }: { params: Promise<{ workspaceId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { workspaceId } = await params;
  const { workspace } = await requireWorkspaceView(workspaceId);
  const sp = await searchParams;
  const { timeZone, received } = await viewerTimeZone();
  const search = parseAuditSearch(sp, timeZone);
  const base = `/console/w/${workspace.id}/audit`;
  const cursor = readAuditCursor(sp.cursor);
  const zone = zoneLabel(timeZone, now(), CONSOLE_LOCALE);

  let events: AuditEventView[] = [];
  let next: string | undefined;
  if (search.query) {
    const page = await listAuditEvents(await getDb(), workspace.id, { limit: CONSOLE_PAGE_SIZE, cursor, ...search.query });
    events = page.data;
    next = page.extra.pagination?.cursor;
  }
  const query = Object.fromEntries(auditSearchParams(search.values));
  const filterHref = (patch: Record<string, string>) => `${base}?${auditSearchParams({ ...search.values, ...patch })}`;
  const exportHref = (format: "csv" | "json") => `${base}/export?${auditSearchParams(search.values, { format })}`;
  const filtered = Object.keys(query).length > 0;

  return (
    <>
      <TimeZoneSync current={timeZone} received={received} path="/console" />
      <PageHeader
        title="Audit log"
        description={<>Every change in this workspace, newest first: who did what, to which resource, in which request.</>}
        actions={
          search.query ? (
            <>
              <a href={exportHref("csv")} className="btn" download data-testid="export-csv">
                Export CSV
              </a>
              <a href={exportHref("json")} className="btn" download data-testid="export-json">
                Export JSON
              </a>
            </>
          ) : undefined
        }
      />
      <AuditFilterForm base={base} values={search.values} errors={search.errors} actions={AUDIT_EVENTS} actorTypes={ACTOR_TYPES} zone={zone} />

      {search.errors.length ? (
        <p className="callout" role="alert" data-testid="audit-filter-error">
          The filters above need fixing before the log can be searched: {search.errors.map((e) => e.message).join(" ")}
        </p>
      ) : events.length === 0 ? (
        <div className="card">
          {filtered || cursor ? (
            <EmptyState title="No events match these filters" action={<Link href={base} className="btn">Clear filters</Link>}>
              Nothing in this workspace’s log matches. Widen the time range or clear a filter.
            </EmptyState>
          ) : (
            <EmptyState title="No events yet">Each change made to this workspace — through the API, the portal or this console — is recorded here.</EmptyState>
          )}
        </div>
      ) : (
        <div className="card" data-testid="audit-list">
          <AuditEventTable events={events} timeZone={timeZone} filterHref={filterHref} />
          <NextPageLink base={base} query={query} next={next} paged={cursor !== undefined} />
        </div>
      )}
    </>
  );
}
