import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { now } from "@/lib/clock";
import { pageWorkspaces } from "@/lib/console/page-workspaces";
import { requireConsoleViewer } from "@/lib/console/viewer";
import { When } from "../portal/_components/when";
import { ConsoleShell } from "./_components/console-shell";
import { CreateWorkspace } from "./_components/create-workspace";
import { DataTable } from "./_components/data-table";
import { EmptyState } from "./_components/empty-state";
import { NextPageLink } from "./_components/next-page-link";
import { PageHeader } from "./_components/page-header";
import { CONSOLE_I18N } from "@/lib/console/english";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Workspaces" };

/** The console's start: the operator's workspaces (newest first, paged) and "Create workspace"; a workspace admin goes to their workspace. */
export default async function ConsoleHome({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireConsoleViewer();
  if (viewer.workspaceId !== null) redirect(`/console/w/${viewer.workspaceId}`);
  const { cursor } = await searchParams;
  const page = await pageWorkspaces(cursor);
  const at = now();
  const none = page.workspaces.length === 0 && !cursor;
  return (
    <ConsoleShell viewer={viewer}>
      <PageHeader title="Workspaces" description="Each workspace is one company: its APIs, keys, portals, root keys and audit log." actions={none ? null : <CreateWorkspace />} />
      <div className="card">
        {none ? (
          <EmptyState title="No workspaces yet" action={<CreateWorkspace label="Create your first workspace" />}>
            Create one for each company you serve. It comes with a root key for its backend.
          </EmptyState>
        ) : (
          <>
            <DataTable
              caption="Workspaces, newest first"
              testId="workspaces"
              rows={page.workspaces}
              rowKey={(w) => w.id}
              columns={[
                {
                  header: "Workspace",
                  primary: true,
                  cell: (w) => (
                    <>
                      <div className="c-name">
                        <Link prefetch={false} href={`/console/w/${w.id}`}>{w.name}</Link>
                      </div>
                      <div className="c-id">{w.id}</div>
                    </>
                  ),
                },
                { header: "Slug", cell: (w) => w.slug ?? <span className="muted">—</span> },
                { header: "Created", cell: (w) => <When at={w.createdAt} now={at} i18n={CONSOLE_I18N} timeZone="UTC" /> },
                {
                  header: "Actions",
                  actions: true,
                  cell: (w) => (
                    <Link prefetch={false} href={`/console/w/${w.id}`} className="btn btn-sm" aria-label={`Open ${w.name}`}>
                      Open
                    </Link>
                  ),
                },
              ]}
            />
            <NextPageLink base="/console" next={page.next} paged={typeof cursor === "string"} />
          </>
        )}
      </div>
    </ConsoleShell>
  );
}
