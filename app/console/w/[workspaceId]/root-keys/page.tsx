import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { listApisPage } from "@/db/queries/apis";
import { now } from "@/lib/clock";
import { pageRootKeys } from "@/lib/console/page-root-keys";
import { requireWorkspaceView } from "@/lib/console/viewer";
import { When } from "../../../../portal/_components/when";
import { CreateRootKey } from "../../../_components/create-root-key";
import { DataTable } from "../../../_components/data-table";
import { EmptyState } from "../../../_components/empty-state";
import { NextPageLink } from "../../../_components/next-page-link";
import { PageHeader } from "../../../_components/page-header";
import { RevokeRootKey } from "../../../_components/revoke-root-key";
import { createRootKeyAction, revokeRootKeyAction } from "./actions";
import { CONSOLE_I18N } from "@/lib/console/english";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Root keys" };

/** How many APIs the permission picker offers to limit a key to (the newest). */
const PICKER_APIS = 100;

/** A workspace's live root keys: start, name, permissions, created, last used; create one (shown once), revoke one. */
export default async function RootKeysPage({ params, searchParams }: { params: Promise<{ workspaceId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { workspaceId } = await params;
  const { workspace } = await requireWorkspaceView(workspaceId);
  const { cursor } = await searchParams;
  const [page, apiRows] = await Promise.all([pageRootKeys(workspace.id, cursor), listApisPage(await getDb(), workspace.id, { limit: PICKER_APIS })]);
  const apis = apiRows.slice(0, PICKER_APIS).map((r) => ({ id: r.api.id, name: r.api.name }));
  const create = createRootKeyAction.bind(null, workspace.id);
  const revoke = revokeRootKeyAction.bind(null, workspace.id);
  const at = now();
  const none = page.rootKeys.length === 0 && typeof cursor !== "string";
  return (
    <>
      <PageHeader
        title="Root keys"
        description="Root keys let this workspace’s backends call Keyport’s API. Keyport keeps only a hash: a key is shown once, when it is created."
        actions={none ? null : <CreateRootKey action={create} apis={apis} />}
      />
      <div className="card">
        {none ? (
          <EmptyState title="No root keys" action={<CreateRootKey action={create} apis={apis} label="Create a root key" />}>
            Without a root key no backend can create keys or portal sessions for this workspace.
          </EmptyState>
        ) : (
          <>
            <DataTable
              caption="Root keys, newest first"
              testId="root-keys"
              rows={page.rootKeys}
              rowKey={(k) => k.id}
              columns={[
                {
                  header: "Key",
                  primary: true,
                  cell: (k) => (
                    <>
                      <div className="c-name">{k.name ?? <span className="muted">Unnamed</span>}</div>
                      <span className="key-start">{k.start}…</span> <span className="c-id">{k.id}</span>
                    </>
                  ),
                },
                {
                  header: "Permissions",
                  cell: (k) => (
                    <span className="c-perms">
                      {k.permissions.map((p) => (
                        <code key={p} className="c-perm">
                          {p}
                        </code>
                      ))}
                    </span>
                  ),
                },
                { header: "Created", cell: (k) => <When at={k.createdAt} now={at} i18n={CONSOLE_I18N} timeZone="UTC" /> },
                { header: "Last used", cell: (k) => (k.lastUsedAt === null ? <span className="muted">never</span> : <When at={k.lastUsedAt} now={at} i18n={CONSOLE_I18N} timeZone="UTC" />) },
                { header: "Actions", actions: true, cell: (k) => <RevokeRootKey action={revoke} keyId={k.id} start={k.start} name={k.name} /> },
              ]}
            />
            <NextPageLink base={`/console/w/${workspace.id}/root-keys`} next={page.next} paged={typeof cursor === "string"} />
          </>
        )}
      </div>
    </>
  );
}
