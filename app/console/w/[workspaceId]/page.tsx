import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { KEY_COUNT_CAP } from "@/db/queries/apis";
import { countWorkspace } from "@/db/queries/workspace-counts";
import { requireWorkspaceView } from "@/lib/console/viewer";
import { formatCount, utcTimestamp } from "@/lib/ui/format";
import { PageHeader } from "../../_components/page-header";
import { CONSOLE_LOCALE } from "@/lib/console/locale";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Overview" };

const capped = (n: number) => (n > KEY_COUNT_CAP ? `${formatCount(KEY_COUNT_CAP, CONSOLE_LOCALE)}+` : formatCount(n, CONSOLE_LOCALE));

/** A workspace at a glance: what it holds, each figure a way into its section. */
export default async function Overview({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const { workspace } = await requireWorkspaceView(workspaceId);
  const counts = await countWorkspace(await getDb(), workspace.id);
  const base = `/console/w/${workspace.id}`;
  const stats = [
    { label: "APIs", value: formatCount(counts.apis, CONSOLE_LOCALE), href: `${base}/apis` },
    { label: "Live keys", value: capped(counts.keys), href: `${base}/keys` },
    { label: "End users", value: capped(counts.identities), href: `${base}/sessions` },
    { label: "Portals", value: formatCount(counts.portals, CONSOLE_LOCALE), href: `${base}/portals` },
    { label: "Root keys", value: formatCount(counts.rootKeys, CONSOLE_LOCALE), href: `${base}/root-keys` },
  ];
  return (
    <>
      <PageHeader
        title={workspace.name}
        description={
          <>
            <span className="c-id">{workspace.id}</span>
            {workspace.slug ? <> · slug {workspace.slug}</> : null} · created {utcTimestamp(workspace.createdAt)}
          </>
        }
      />
      <ul className="stats c-stats" aria-label="What this workspace holds" style={{ listStyle: "none", padding: 0, margin: "0 0 16px" }}>
        {stats.map((s) => (
          <li key={s.label}>
            <Link prefetch={false} href={s.href} className="c-stat-link">
              <div className="card stat">
                <div className="label">{s.label}</div>
                <div className="value" data-testid={`count-${s.label.toLowerCase().replace(/ /g, "-")}`}>
                  {s.value}
                </div>
              </div>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
