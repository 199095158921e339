import type { Metadata } from "next";
import { i18nFor } from "@/lib/i18n/catalogue";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { ApiError } from "@/lib/api/errors";
import { loadPortalEditor, type PortalEditorData } from "@/lib/console/portals/portal-editor";
import { valuesOf } from "@/lib/console/portals/portal-form";
import { requireWorkspaceView } from "@/lib/console/viewer";
import { PageHeader } from "../../../../_components/page-header";
import { TypedConfirmation } from "../../../../_components/typed-confirmation";
import { OpenAsTestUser } from "../_components/open-as-test-user";
import { PortalForm } from "../_components/portal-form";
import { PortalStatus } from "../_components/portal-status";
import { deletePortalAction, openAsTestUserAction, savePortalAction, setPortalEnabledAction } from "../actions";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ workspaceId: string; portalId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The portal (read once per request), or the console's 404 when it is not one of this workspace's (the same page as any unknown address). */
const load = cache(async (workspaceId: string, portalId: string): Promise<PortalEditorData & { portal: NonNullable<PortalEditorData["portal"]> }> => {
  try {
    const editor = await loadPortalEditor({ db: await getDb(), workspaceId, portalId });
    if (editor.portal) return { ...editor, portal: editor.portal };
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 404)) throw err;
  }
  notFound();
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { workspaceId, portalId } = await params;
  await requireWorkspaceView(workspaceId);
  const { portal } = await load(workspaceId, portalId);
  return { title: `Portal ${portal.displayName}` };
}

/**
 * One portal: its status, a test user's view, deletion, and every field of its configuration beside
 * the live preview (docs/console.md "Portals").
 */
export default async function PortalPage({ params, searchParams }: Props) {
  const { workspaceId, portalId } = await params;
  const created = (await searchParams).created === "1";
  await requireWorkspaceView(workspaceId);
  const { portal, apis, workspaceName } = await load(workspaceId, portalId);
  const id = portal.portalId;

  return (
    <>
      <PageHeader title={portal.displayName} description={<span className="c-id">{portal.slug} · {id}</span>} />
      {created ? (
        <p className="cp-saved" role="status">
          Portal created. Open it as a test user to see it as your users will.
        </p>
      ) : null}
      <section className="cp-manage" aria-label="Manage the portal">
        <PortalStatus enabled={portal.enabled} setEnabled={setPortalEnabledAction.bind(null, workspaceId, id)} />
        <OpenAsTestUser open={openAsTestUserAction.bind(null, workspaceId, id)} />
        <div className="cp-delete">
          <TypedConfirmation
            label="Delete portal"
            accessibleLabel={`Delete portal ${portal.slug}`}
            title={`Delete the portal ${portal.slug}?`}
            description="Its links stop working and every session of it ends at once. Keys stay: they belong to their APIs. This cannot be undone."
            expected={portal.slug}
            action={deletePortalAction}
            submit="Delete portal"
            busy="Deleting…"
            hidden={{ workspaceId, portalId: id }}
          />
        </div>
      </section>
      <PortalForm mode="edit" initial={valuesOf(portal)} workspaceName={workspaceName} apis={apis} submit={savePortalAction.bind(null, workspaceId, id)} previewI18n={i18nFor("en")} />
    </>
  );
}
