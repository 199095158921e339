import type { Metadata } from "next";
import Link from "next/link";
import { now } from "@/lib/clock";
import { fill } from "@/lib/i18n/translate";
import { CreateKey } from "../../../_components/create-key";
import { KeyFilter } from "../../../_components/key-filter";
import { KeysHead } from "../../../_components/keys-head";
import { KeysTable } from "../../../_components/keys-table";
import { SecretHost } from "../../../_components/secret-host";
import { portalApis } from "@/lib/portal-sessions/page-apis";
import { portalI18n } from "@/lib/portal-sessions/page-i18n";
import { listPortalKeys } from "@/lib/portal-sessions/page-keys";
import { viewerTimeZone } from "@/lib/portal-sessions/page-time-zone";
import { abilities } from "@/lib/portal-sessions/abilities";
import { shouldOpenCreateDialog } from "@/lib/portal-sessions/intent";
import { requirePortalSession } from "@/lib/portal-sessions/page-session";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ portalId: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: (await portalI18n((await params).portalId)).m.keys.title };
}

const PAGE_SIZE = 25;

/**
 * The end user's keys: server-rendered, cursor-paginated, filtered by name on the server. One line
 * per ordinary key; a rolled key says which key replaced it and offers only Revoke. In the
 * session's language; times relative, with the exact instant in the viewer's zone on hover.
 */
export default async function KeysPage({ params, searchParams }: Params & { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { portalId } = await params;
  const sp = await searchParams;
  const q = typeof sp.q === "string" ? sp.q.trim().slice(0, 200) : "";
  const cursor = typeof sp.cursor === "string" && sp.cursor.length <= 500 ? sp.cursor : undefined;

  const session = await requirePortalSession(portalId);
  const i18n = await portalI18n(portalId);
  const { m } = i18n;
  const { timeZone } = await viewerTimeZone();
  const can = abilities(session);
  const apis = await portalApis(session);
  const base = `/portal/${portalId}/keys`;
  const disabledReason = session.preview ? m.keys.previewDisabled : undefined;
  const at = now();
  const openCreate = shouldOpenCreateDialog(session, sp);

  if (!can.readKeys) {
    return (
      <SecretHost>
        <KeysHead can={can.create} portalId={portalId} apis={apis} disabledReason={disabledReason} openCreate={openCreate} i18n={i18n} />
        <div className="card empty">
          <h2>{m.keys.writeOnlyTitle}</h2>
          <p>{m.keys.writeOnlyBody}</p>
        </div>
      </SecretHost>
    );
  }

  const page = await listPortalKeys(session, { limit: PAGE_SIZE, cursor, name: q || undefined });
  // No keys at all: the empty state's "Create your first key" is the one call to action.
  const none = page.keys.length === 0 && !q && !cursor;
  const nextHref = page.cursor ? `${base}?${new URLSearchParams({ ...(q ? { q } : {}), cursor: page.cursor })}` : undefined;

  return (
    <SecretHost>
      <KeysHead can={can.create && !none} portalId={portalId} apis={apis} disabledReason={disabledReason} openCreate={openCreate} i18n={i18n} />
      {none ? null : (
      <div className="p-toolbar">
        <KeyFilter action={base} value={q} />
        {q ? (
          <Link href={base} className="btn btn-ghost">
            {m.keys.clearFilter}
          </Link>
        ) : null}
      </div>
      )}

      <div className="card">
        {page.keys.length === 0 ? (
          q ? (
            <div className="empty">
              <h2>{fill(m.keys.noMatchTitle, { query: q })}</h2>
              <p>{m.keys.noMatchBody}</p>
              <Link href={base} className="btn">
                {m.keys.showAll}
              </Link>
            </div>
          ) : cursor ? (
            <div className="empty">
              <h2>{m.keys.noMoreTitle}</h2>
              <Link href={base} className="btn">
                {m.keys.backToFirst}
              </Link>
            </div>
          ) : (
            <div className="empty">
              <h2>{m.keys.emptyTitle}</h2>
              <p>{can.create ? m.keys.emptyCreate : m.keys.emptyIssued}</p>
              {can.create ? <CreateKey portalId={portalId} apis={apis} disabledReason={disabledReason} label={m.keys.createFirst} openOnArrival={openCreate} /> : null}
            </div>
          )
        ) : (
          <KeysTable portalId={portalId} keys={page.keys} can={can} filter={q} disabledReason={disabledReason} now={at} i18n={i18n} timeZone={timeZone} />
        )}
        {cursor || nextHref ? (
          <nav className="pager" aria-label={m.keys.pagesLabel}>
            {cursor ? <Link href={q ? `${base}?${new URLSearchParams({ q })}` : base}>{m.keys.firstPage}</Link> : <span />}
            {nextHref ? <Link href={nextHref}>{m.keys.nextPage}</Link> : null}
          </nav>
        ) : null}
      </div>
    </SecretHost>
  );
}
