import type { Metadata } from "next";
import { now } from "@/lib/clock";
import { pageApis } from "@/lib/console/page-apis";
import { requireWorkspaceView } from "@/lib/console/viewer";
import { formatCount } from "@/lib/ui/format";
import { When } from "../../../../portal/_components/when";
import { CreateApi } from "../../../_components/create-api";
import { DataTable } from "../../../_components/data-table";
import { EmptyState } from "../../../_components/empty-state";
import { NextPageLink } from "../../../_components/next-page-link";
import { PageHeader } from "../../../_components/page-header";
import { TypedConfirmation } from "../../../_components/typed-confirmation";
import { createApiAction, deleteApiAction } from "./actions";
import { CONSOLE_LOCALE } from "@/lib/console/locale";
import { CONSOLE_I18N } from "@/lib/console/english";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "APIs" };

/** A workspace's APIs with their live key counts, newest first and paged; create one, delete one by typing its name. */
export default async function ApisPage({ params, searchParams }: { params: Promise<{ workspaceId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { workspaceId } = await params;
  const { workspace } = await requireWorkspaceView(workspaceId);
  const { cursor } = await searchParams;
  const page = await pageApis(workspace.id, cursor);
  const create = createApiAction.bind(null, workspace.id);
  const remove = deleteApiAction.bind(null, workspace.id);
  const at = now();
  const none = page.apis.length === 0 && typeof cursor !== "string";
  return (
    <>
      <PageHeader title="APIs" description="Each API is a keyspace. Keys verify against their API; portals offer an API’s keys to end users." actions={none ? null : <CreateApi action={create} />} />
      <div className="card">
        {none ? (
          <EmptyState title="No APIs yet" action={<CreateApi action={create} label="Create your first API" />}>
            Create an API for each product whose requests your customers authenticate with keys.
          </EmptyState>
        ) : (
          <>
            <DataTable
              caption="APIs, newest first"
              testId="apis"
              rows={page.apis}
              rowKey={(a) => a.id}
              columns={[
                {
                  header: "API",
                  primary: true,
                  cell: (a) => (
                    <>
                      <div className="c-name">{a.name}</div>
                      <div className="c-id">{a.id}</div>
                    </>
                  ),
                },
                { header: "Key prefix", cell: (a) => (a.prefix ? <span className="key-start">{a.prefix}_</span> : <span className="muted">none</span>) },
                { header: "Live keys", numeric: true, cell: (a) => <span data-testid="key-count">{a.keysCapped ? `${formatCount(10_000, CONSOLE_LOCALE)}+` : formatCount(a.keys, CONSOLE_LOCALE)}</span> },
                { header: "Created", cell: (a) => <When at={a.createdAt} now={at} i18n={CONSOLE_I18N} timeZone="UTC" /> },
                {
                  header: "Actions",
                  actions: true,
                  cell: (a) => (
                    <TypedConfirmation
                      label="Delete"
                      accessibleLabel={`Delete ${a.name}`}
                      title={`Delete the API “${a.name}”?`}
                      description={`${a.keys === 1 ? "Its 1 live key stops" : `Its ${a.keysCapped ? "10,000+" : formatCount(a.keys, CONSOLE_LOCALE)} live keys stop`} verifying at once, and it leaves every portal that offers it. This cannot be undone.`}
                      expected={a.name}
                      action={remove}
                      submit="Delete API"
                      busy="Deleting…"
                      hidden={{ apiId: a.id }}
                    />
                  ),
                },
              ]}
            />
            <NextPageLink base={`/console/w/${workspace.id}/apis`} next={page.next} paged={typeof cursor === "string"} />
          </>
        )}
      </div>
    </>
  );
}
