import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { listPortalPage, type PortalListRow } from "@/lib/console/portals/portal-list";
import { requireWorkspaceView } from "@/lib/console/viewer";
import { isValidSlug } from "@/lib/workspaces/slug";
import { type Column, DataTable } from "../../../_components/data-table";
import { EmptyState } from "../../../_components/empty-state";
import { NextPageLink } from "../../../_components/next-page-link";
import { PageHeader } from "../../../_components/page-header";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Portals" };

/** A workspace's portals, by slug, a page at a time (docs/console.md "Portals"). */
export default async function PortalsPage({ params, searchParams }: { params: Promise<{ workspaceId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { workspaceId } = await params;
  const sp = await searchParams;
  await requireWorkspaceView(workspaceId);
  // The cursor is the last slug of the previous page; anything else shows the first page.
  const after = typeof sp.cursor === "string" && isValidSlug(sp.cursor) ? sp.cursor : undefined;
  const deleted = typeof sp.deleted === "string" && isValidSlug(sp.deleted) ? sp.deleted : undefined;
  const page = await listPortalPage({ db: await getDb(), workspaceId, after });
  const base = `/console/w/${workspaceId}/portals`;

  const columns: Column<PortalListRow>[] = [
    {
      header: "Portal",
      primary: true,
      cell: (p) => (
        <>
          <div className="c-name">
            <Link href={`${base}/${p.portalId}`}>{p.displayName}</Link>
          </div>
          <div className="c-id">{p.slug}</div>
        </>
      ),
    },
    { header: "APIs", cell: (p) => (p.apis.length ? p.apis.map((a) => a.name).join(", ") : <span className="muted">None</span>) },
    {
      header: "Status",
      cell: (p) => <span className={`badge ${p.enabled ? "badge-active" : "badge-disabled"}`}>{p.enabled ? "Enabled" : "Disabled"}</span>,
    },
    { header: "Embed origins", numeric: true, cell: (p) => p.embedOrigins },
    { header: "Live sessions", numeric: true, cell: (p) => p.liveSessions },
  ];

  return (
    <>
      <PageHeader
        title="Portals"
        description="Branded pages where your users manage their own API keys."
        actions={
          <Link href={`${base}/new`} className="btn btn-primary">
            New portal
          </Link>
        }
      />
      {deleted ? (
        <p className="cp-saved" role="status">
          Portal <code>{deleted}</code> deleted, and its sessions with it.
        </p>
      ) : null}
      <div className="card">
        {page.rows.length === 0 && !after ? (
          <EmptyState
            title="No portals yet"
            action={
              <Link href={`${base}/new`} className="btn btn-primary">
                Create your first portal
              </Link>
            }
          >
            A portal is where your users create, roll and revoke their own keys, in your colours.
          </EmptyState>
        ) : (
          <DataTable caption="Portals of this workspace" columns={columns} rows={page.rows} rowKey={(p) => p.portalId} testId="portals-table" />
        )}
        <NextPageLink base={base} next={page.next} paged={after !== undefined} />
      </div>
    </>
  );
}
