import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { now } from "@/lib/clock";
import { deleteConfirmationText } from "@/lib/console/key-actions";
import { consoleKeyDetail } from "@/lib/console/key-detail";
import { consoleKeyUsage } from "@/lib/console/key-usage";
import { listUserSessions } from "@/lib/console/user-sessions";
import { requireWorkspaceView } from "@/lib/console/viewer";
import { byDay, RANGES, type RangeKey, parseRange, windowFor } from "@/lib/ui/analytics";
import { utcTimestamp } from "@/lib/ui/format";
import { KeyCreditsDialog } from "../../../../_components/key-credits-dialog";
import { KeyEnableToggle } from "../../../../_components/key-enable-toggle";
import { KeyLimitsCard } from "../../../../_components/key-limits-card";
import { KeySettingsCard } from "../../../../_components/key-settings-card";
import { KeyStatusBadge } from "../../../../_components/key-status-badge";
import { KeyUsageCard } from "../../../../_components/key-usage-card";
import { PageHeader } from "../../../../_components/page-header";
import { TypedConfirmation } from "../../../../_components/typed-confirmation";
import { UserSessionsTable } from "../../../../_components/user-sessions-table";
import "../../../../_components/console-keys.css";
import { changeCreditsAction, deleteKeyAction, setKeyEnabledAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Key" };

/** Owner's sessions shown here; the sessions page has them all. */
const OWNER_SESSIONS = 5;

/**
 * One key of the workspace (docs/console.md "Keys and sessions"): its settings, credits and rate
 * limits, its verifications, its owner's portal sessions; disable or enable it, change its credits,
 * delete it. A key of another workspace, a deleted key or a made-up id is the console's 404.
 */
export default async function KeyPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceId: string; keyId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { workspaceId, keyId } = await params;
  const sp = await searchParams;
  const { workspace } = await requireWorkspaceView(workspaceId);
  if (!/^key_[A-Za-z0-9]{1,64}$/.test(keyId)) notFound();
  const db = await getDb();
  const detail = await consoleKeyDetail(db, workspace.id, keyId);
  if (!detail) notFound();
  const { key, identity } = detail;
  const base = `/console/w/${workspace.id}`;
  const at = now();
  const range = parseRange(sp.range);
  const window = windowFor(range, at, "UTC");
  const [hourly, sessions] = await Promise.all([
    consoleKeyUsage(db, workspace.id, key.id, window),
    identity ? listUserSessions(db, workspace.id, { externalId: identity.externalId, pageSize: OWNER_SESSIONS }) : Promise.resolve(undefined),
  ]);
  const buckets = RANGES[range].unit === "day" ? byDay(hourly, "UTC") : hourly;
  const rangeHref = (r: RangeKey) => `${base}/keys/${key.id}?${new URLSearchParams({ range: r })}#key-usage`;
  const title = key.name ?? "Unnamed key";
  const hidden = { workspaceId: workspace.id, keyId: key.id };

  return (
    <div className="c-key-page">
      <p className="c-back">
        <Link prefetch={false} href={`${base}/keys`}>
          ← All keys
        </Link>
      </p>
      <PageHeader
        title={title}
        description={
          <span className="c-key-sub">
            <span className="key-start">{key.start}…</span> <KeyStatusBadge status={detail.status} /> <span className="c-id">{key.id}</span>
          </span>
        }
        actions={
          <>
            <KeyEnableToggle workspaceId={workspace.id} keyId={key.id} enabled={key.enabled} action={setKeyEnabledAction} />
            <TypedConfirmation
              label="Delete key"
              title="Delete this key?"
              description="It stops verifying at once (keys.verifyKey answers NOT_FOUND) and disappears from the console and the portal. Its usage and audit history stay. This cannot be undone."
              expected={deleteConfirmationText(key)}
              action={deleteKeyAction}
              submit="Delete key"
              busy="Deleting…"
              hidden={hidden}
            />
          </>
        }
      />
      {detail.status === "rolled" && key.replacedBy ? (
        <p className="callout" role="status">
          Rolled: replaced by{" "}
          <Link prefetch={false} href={`${base}/keys/${key.replacedBy}`}>
            <span className="c-id">{key.replacedBy}</span>
          </Link>
          {key.expiresAt ? <> and verifies until {utcTimestamp(key.expiresAt)}.</> : "."}
        </p>
      ) : null}
      <div className="c-key-grid">
        <KeySettingsCard detail={detail} base={base} now={at} />
        <KeyLimitsCard
          detail={detail}
          base={base}
          creditsAction={<KeyCreditsDialog workspaceId={workspace.id} keyId={key.id} remaining={detail.credits.remaining} action={changeCreditsAction} />}
        />
        <KeyUsageCard buckets={buckets} range={range} href={rangeHref} />
        <section className="card c-key-card c-key-wide" aria-labelledby="owner-sessions">
          <div className="c-card-head card-pad-x">
            <h2 id="owner-sessions">Owner’s portal sessions</h2>
            {identity ? (
              <Link prefetch={false} className="btn btn-sm" href={`${base}/sessions?${new URLSearchParams({ externalId: identity.externalId })}`}>
                All sessions of {identity.externalId}
              </Link>
            ) : null}
          </div>
          {!identity ? (
            <p className="muted card-pad-x">This key has no owner, so no portal sessions.</p>
          ) : sessions && sessions.rows.length > 0 ? (
            <UserSessionsTable rows={sessions.rows} now={at} caption={`Portal sessions of ${identity.externalId}, newest first`} />
          ) : (
            <p className="muted card-pad-x">{identity.externalId} has no portal sessions.</p>
          )}
        </section>
      </div>
    </div>
  );
}
