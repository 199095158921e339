import Link from "next/link";
import type { AuditEventView } from "@/lib/audit/list-events";
import { actorLabel, detailsJson } from "@/lib/ui/audit-labels";
import { formatTime } from "@/lib/ui/time-zone";
import { DataTable } from "./data-table";
import { CONSOLE_LOCALE } from "@/lib/console/locale";

/**
 * One page of audit events: when (the viewer's zone; the exact UTC instant on hover and in `dateTime`),
 * who, what, to which resource, in which request, and the event's details folded away. The actor,
 * action and resource are links that narrow the list to them.
 */
export function AuditEventTable({ events, timeZone, filterHref }: { events: AuditEventView[]; timeZone: string; filterHref: (patch: Record<string, string>) => string }) {
  return (
    <DataTable
      caption="Audit events, newest first"
      testId="audit-events"
      rows={events}
      rowKey={(e) => e.id}
      columns={[
        {
          header: "Time",
          primary: true,
          cell: (e) => {
            const iso = new Date(e.time).toISOString();
            return (
              <time dateTime={iso} title={iso} data-testid="audit-time">
                {formatTime(e.time, timeZone, "moment", CONSOLE_LOCALE)}
              </time>
            );
          },
        },
        {
          header: "Actor",
          cell: (e) => (
            <span className="c-audit-actor">
              <span>{actorLabel(e.actor.type)}</span>
              <Link href={filterHref({ actorType: e.actor.type, actor: e.actor.id })} className="c-id" data-testid="audit-actor">
                {e.actor.id}
                <span className="visually-hidden"> (show only this actor’s events)</span>
              </Link>
            </span>
          ),
        },
        {
          header: "Action",
          cell: (e) => (
            <Link href={filterHref({ action: e.event })} className="c-audit-action" data-testid="audit-action">
              <code>{e.event}</code>
              <span className="visually-hidden"> (show only this action)</span>
            </Link>
          ),
        },
        {
          header: "Resource",
          cell: (e) =>
            e.resourceId ? (
              <Link href={filterHref({ resource: e.resourceId })} className="c-id" data-testid="audit-resource">
                {e.resourceId}
                <span className="visually-hidden"> (show only this resource’s events)</span>
              </Link>
            ) : (
              <span className="muted">—</span>
            ),
        },
        {
          header: "Request",
          cell: (e) => (e.requestId ? <span className="c-id" data-testid="audit-request">{e.requestId}</span> : <span className="muted">—</span>),
        },
        {
          header: "Details",
          cell: (e) => {
            const json = detailsJson(e.meta);
            return json ? (
              <details className="c-audit-details">
                <summary>
                  Show<span className="visually-hidden"> the details of {e.id}</span>
                </summary>
                <pre data-testid="audit-details">{json}</pre>
              </details>
            ) : (
              <span className="muted">—</span>
            );
          },
        },
      ]}
    />
  );
}
