import type { Metadata } from "next";
import Link from "next/link";
import { now } from "@/lib/clock";
import { CreateKey } from "../../../_components/create-key";
import { KeyFilter } from "../../../_components/key-filter";
import { KeysHead } from "../../../_components/keys-head";
import { KeysTable } from "../../../_components/keys-table";
import { SecretHost } from "../../../_components/secret-host";
import { portalApis } from "@/lib/portal-sessions/page-apis";
import { listPortalKeys } from "@/lib/portal-sessions/page-keys";
import { abilities } from "@/lib/portal-sessions/abilities";
import { shouldOpenCreateDialog } from "@/lib/portal-sessions/intent";
import { requirePortalSession } from "@/lib/portal-sessions/page-session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "API keys" };

const PAGE_SIZE = 25;
const PREVIEW = "Preview session: changes are turned off.";

/**
 * The end user's keys: server-rendered, cursor-paginated, filtered by name on the server. One line
 * per ordinary key; a rolled key says which key replaced it and offers only Revoke.
 */
export default async function KeysPage({ params, searchParams }: { params: Promise<{ portalId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { portalId } = await params;
  const sp = await searchParams;
  const q = typeof sp.q === "string" ? sp.q.trim().slice(0, 200) : "";
  const cursor = typeof sp.cursor === "string" && sp.cursor.length <= 500 ? sp.cursor : undefined;

  const session = await requirePortalSession(portalId);
  const can = abilities(session);
  const apis = await portalApis(session);
  const base = `/portal/${portalId}/keys`;
  const disabledReason = session.preview ? PREVIEW : undefined;
  const at = now();
  const openCreate = shouldOpenCreateDialog(session, sp);

  if (!can.readKeys) {
    return (
      <SecretHost>
        <KeysHead can={can.create} portalId={portalId} apis={apis} disabledReason={disabledReason} openCreate={openCreate} />
        <div className="card empty">
          <h2>Create keys here</h2>
          <p>You can create new keys, but this session cannot list existing ones. A new key is shown once, right after you create it.</p>
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
      <KeysHead can={can.create && !none} portalId={portalId} apis={apis} disabledReason={disabledReason} openCreate={openCreate} />
      {none ? null : (
      <div className="p-toolbar">
        <KeyFilter action={base} value={q} />
        {q ? (
          <Link href={base} className="btn btn-ghost">
            Clear filter
          </Link>
        ) : null}
      </div>
      )}

      <div className="card">
        {page.keys.length === 0 ? (
          q ? (
            <div className="empty">
              <h2>No keys match “{q}”</h2>
              <p>The filter matches any part of a key’s name, ignoring case.</p>
              <Link href={base} className="btn">
                Show all keys
              </Link>
            </div>
          ) : cursor ? (
            <div className="empty">
              <h2>No more keys</h2>
              <Link href={base} className="btn">
                Back to the first page
              </Link>
            </div>
          ) : (
            <div className="empty">
              <h2>No API keys yet</h2>
              <p>{can.create ? "Create a key to start calling the API. You will see it once, right after you create it." : "Keys issued to you will appear here."}</p>
              {can.create ? <CreateKey portalId={portalId} apis={apis} disabledReason={disabledReason} label="Create your first key" openOnArrival={openCreate} /> : null}
            </div>
          )
        ) : (
          <KeysTable portalId={portalId} keys={page.keys} can={can} filter={q} disabledReason={disabledReason} now={at} />
        )}
        {cursor || nextHref ? (
          <nav className="pager" aria-label="Pages">
            {cursor ? <Link href={q ? `${base}?${new URLSearchParams({ q })}` : base}>← First page</Link> : <span />}
            {nextHref ? <Link href={nextHref}>Next page →</Link> : null}
          </nav>
        ) : null}
      </div>
    </SecretHost>
  );
}
