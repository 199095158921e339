import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { ApiError } from "@/lib/api/errors";
import { now } from "@/lib/clock";
import { type ConsoleKeyRow, type KeySearchPage, MAX_SEARCH_LENGTH, searchWorkspaceKeys } from "@/lib/console/key-search";
import { requireWorkspaceView } from "@/lib/console/viewer";
import { DataTable } from "../../../_components/data-table";
import { EmptyState } from "../../../_components/empty-state";
import { KeyStatusBadge } from "../../../_components/key-status-badge";
import { NextPageLink } from "../../../_components/next-page-link";
import { PageHeader } from "../../../_components/page-header";
import "../../../_components/console-keys.css";
import { When } from "../../../../portal/_components/when";
import { CONSOLE_I18N } from "@/lib/console/english";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Keys" };

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

/**
 * Every key of the workspace, newest first, and one search box over them: a key id (exact or its
 * first characters), the start of the key, a name (any case) or the owner's externalId, each a prefix
 * (docs/console.md "Keys and sessions"). A plain GET form, so it works without JavaScript and the
 * address is shareable; 25 keys to a page, paged by position.
 */
export default async function KeysPage({ params, searchParams }: { params: Promise<{ workspaceId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { workspaceId } = await params;
  const sp = await searchParams;
  const { workspace } = await requireWorkspaceView(workspaceId);
  const base = `/console/w/${workspace.id}/keys`;
  const q = one(sp.q) ?? "";
  const cursor = one(sp.cursor);
  const deleted = one(sp.deleted);

  let page: KeySearchPage | undefined;
  let problem: string | undefined;
  try {
    page = await searchWorkspaceKeys(await getDb(), workspace.id, { q, cursor });
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    problem = err.errors?.[0] ? `${err.errors[0].message} ${err.errors[0].fix ?? ""}`.trim() : err.detail;
  }
  const term = page?.term ?? "";
  const at = now();

  return (
    <>
      <PageHeader title="Keys" description="Every key of this workspace, newest first. Search by key id, the start of the key, its name or its owner's externalId." />
      {deleted && /^key_[A-Za-z0-9]{1,64}$/.test(deleted) ? (
        <p className="callout" role="status" data-testid="key-deleted">
          Key <span className="c-id">{deleted}</span> was deleted. It no longer verifies.
        </p>
      ) : null}
      <form role="search" method="get" action={base} className="p-toolbar">
        <div className="p-search c-search">
          <label htmlFor="key-search" className="visually-hidden">
            Search keys by key id, start of the key, name or externalId
          </label>
          <input
            id="key-search"
            type="search"
            name="q"
            className="input"
            defaultValue={q}
            placeholder="key_…, start of the key, name or externalId"
            maxLength={MAX_SEARCH_LENGTH}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? "key-search-problem" : undefined}
          />
          <button type="submit" className="btn">
            Search
          </button>
        </div>
        {term ? (
          <Link prefetch={false} href={base} className="btn btn-ghost btn-sm">
            Clear search
          </Link>
        ) : null}
      </form>
      {problem ? (
        <p className="form-error" role="alert" id="key-search-problem">
          {problem}
        </p>
      ) : null}
      {page ? (
        <div className="card">
          {page.rows.length > 0 ? (
            <DataTable<ConsoleKeyRow>
              caption={term ? `Keys matching “${term}”, newest first` : "Keys, newest first"}
              testId="keys-table"
              rows={page.rows}
              rowKey={(k) => k.keyId}
              columns={[
                {
                  header: "Key",
                  primary: true,
                  cell: (k) => (
                    <div className="c-key-cell">
                      <Link prefetch={false} href={`${base}/${k.keyId}`} className="c-name" data-testid="key-link">
                        {k.name ?? <span className="muted">Unnamed key</span>}
                      </Link>
                      <span className="key-start">{k.start}…</span>
                    </div>
                  ),
                },
                { header: "API", cell: (k) => <span className="c-cell-text">{k.apiName}</span> },
                { header: "Owner", cell: (k) => (k.externalId ? <span className="c-cell-text" data-testid="key-owner">{k.externalId}</span> : <span className="muted">No owner</span>) },
                { header: "Status", cell: (k) => <KeyStatusBadge status={k.status} /> },
                { header: "Created", cell: (k) => <When at={k.createdAt} now={at} i18n={CONSOLE_I18N} timeZone="UTC" /> },
                { header: "Last used", cell: (k) => (k.lastUsedAt ? <When at={k.lastUsedAt} now={at} i18n={CONSOLE_I18N} timeZone="UTC" /> : <span className="muted">Never</span>) },
              ]}
            />
          ) : term ? (
            <EmptyState title={`No key matches “${term}”`}>
              The search looks at the start of key ids (<code>key_…</code>), of keys as they begin (the prefix and four more characters), of names in any
              case, and of owners’ externalIds (capitals count there).
            </EmptyState>
          ) : (
            <EmptyState title="No keys yet">Keys your backend creates with this workspace’s root keys (keys.createKey), and keys end users create in a portal, appear here.</EmptyState>
          )}
          <NextPageLink base={base} query={{ q: term || undefined }} next={page.nextCursor} paged={Boolean(cursor)} />
        </div>
      ) : null}
    </>
  );
}
