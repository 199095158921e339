import type { Metadata } from "next";
import { i18nFor } from "@/lib/i18n/catalogue";
import { getDb } from "@/db/client";
import { loadPortalEditor } from "@/lib/console/portals/portal-editor";
import { newPortalValues } from "@/lib/console/portals/portal-form";
import { requireWorkspaceView } from "@/lib/console/viewer";
import { PageHeader } from "../../../../_components/page-header";
import { PortalForm } from "../_components/portal-form";
import { createPortalAction } from "../actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New portal" };

/** A new portal: every field of its configuration, with the live preview (docs/console.md "Portals"). */
export default async function NewPortalPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  await requireWorkspaceView(workspaceId);
  const editor = await loadPortalEditor({ db: await getDb(), workspaceId });
  // With one API there is nothing to choose: it is ticked.
  const initial = newPortalValues(editor.apis.length === 1 ? [editor.apis[0]!.id] : []);
  return (
    <>
      <PageHeader title="New portal" description="Choose its slug and APIs; everything else has a default you can change now or later." />
      <PortalForm mode="create" initial={initial} workspaceName={editor.workspaceName} apis={editor.apis} submit={createPortalAction.bind(null, workspaceId)} previewI18n={i18nFor("en")} />
    </>
  );
}
