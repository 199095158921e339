import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { ApiError } from "@/lib/api/errors";
import { now } from "@/lib/clock";
import { listUserSessions, type UserSessionsPage } from "@/lib/console/user-sessions";
import { requireWorkspaceView } from "@/lib/console/viewer";
import { EmptyState } from "../../../_components/empty-state";
import { NextPageLink } from "../../../_components/next-page-link";
import { PageHeader } from "../../../_components/page-header";
import { RevokeAllSessions } from "../../../_components/revoke-all-sessions";
import { RevokeSessionButton } from "../../../_components/revoke-session-button";
import { UserSessionsTable } from "../../../_components/user-sessions-table";
import "../../../_components/console-keys.css";
import { revokeAllSessionsAction, revokeSessionAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sessions" };

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

/**
 * Portal sessions by end user (docs/console.md "Keys and sessions"): the externalId your app gave
 * portal.createSession → that user's sessions in every portal of the workspace, newest first, 25 to a
 * page; revoke one, or all of them.
 */
export default async function SessionsPage({ params, searchParams }: { params: Promise<{ workspaceId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { workspaceId } = await params;
  const sp = await searchParams;
  const { workspace } = await requireWorkspaceView(workspaceId);
  const base = `/console/w/${workspace.id}/sessions`;
  const asked = one(sp.externalId) ?? "";
  const cursor = one(sp.cursor);

  let page: UserSessionsPage | undefined;
  let problem: string | undefined;
  try {
    page = await listUserSessions(await getDb(), workspace.id, { externalId: asked, cursor });
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    problem = err.errors?.[0] ? `${err.errors[0].message} ${err.errors[0].fix ?? ""}`.trim() : err.detail;
  }
  const externalId = page?.externalId ?? "";
  const at = now();
  const live = page?.rows.filter((r) => r.state === "active" || r.state === "pending").length ?? 0;

  return (
    <>
      <PageHeader title="Sessions" description="An end user's portal sessions: look one up by the externalId your app gave portal.createSession, and end one or all of them." />
      <form role="search" method="get" action={base} className="p-toolbar">
        <div className="p-search c-search">
          <label htmlFor="session-user" className="visually-hidden">
            End user’s externalId
          </label>
          <input
            id="session-user"
            type="search"
            name="externalId"
            className="input"
            defaultValue={asked}
            placeholder="externalId, exactly as your app stores it"
            maxLength={256}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? "session-user-problem" : undefined}
          />
          <button type="submit" className="btn">
            Find sessions
          </button>
        </div>
      </form>
      {problem ? (
        <p className="form-error" role="alert" id="session-user-problem">
          {problem}
        </p>
      ) : null}
      {page && externalId ? (
        <div className="card">
          <div className="c-user-head card-pad-x c-user-head-pad">
            <h2>
              Sessions of <span data-testid="sessions-of">{externalId}</span>
            </h2>
            <div className="c-actions">
              <Link prefetch={false} className="btn btn-sm" href={`/console/w/${workspace.id}/keys?${new URLSearchParams({ q: externalId })}`}>
                Their keys
              </Link>
              {page.rows.length > 0 ? <RevokeAllSessions workspaceId={workspace.id} externalId={externalId} live={live} action={revokeAllSessionsAction} /> : null}
            </div>
          </div>
          {page.rows.length > 0 ? (
            <UserSessionsTable
              rows={page.rows}
              now={at}
              caption={`Portal sessions of ${externalId}, newest first`}
              actions={(s) =>
                s.state === "active" || s.state === "pending" ? (
                  <RevokeSessionButton workspaceId={workspace.id} sessionId={s.id} portalName={s.portalName} action={revokeSessionAction} />
                ) : (
                  <span className="muted">Ended</span>
                )
              }
            />
          ) : (
            <EmptyState title={`No portal sessions for “${externalId}”`}>
              The externalId must match exactly, capitals included. Sessions appear here once your backend calls portal.createSession for that user.
            </EmptyState>
          )}
          <NextPageLink base={base} query={{ externalId }} next={page.nextCursor} paged={Boolean(cursor)} />
        </div>
      ) : !problem ? (
        <div className="card">
          <EmptyState title="Find an end user’s sessions">
            Type the externalId your app gave portal.createSession (the same one a key’s owner shows). Their sessions in every portal of this workspace are listed, newest
            first.
          </EmptyState>
        </div>
      ) : null}
    </>
  );
}
