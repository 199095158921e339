import type { Metadata } from "next";
import { DocsContent } from "../../../_components/docs-content";
import { portalApis } from "@/lib/portal-sessions/page-apis";
import { requirePortalSession } from "@/lib/portal-sessions/page-session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Docs" };

/** How to call the SaaS API with a key: snippets built from the portal's key prefix and API base URL. */
export default async function DocsPage({ params }: { params: Promise<{ portalId: string }> }) {
  const { portalId } = await params;
  const session = await requirePortalSession(portalId);
  const apis = await portalApis(session);
  const prefix = session.portal.keyTemplate.prefix ?? apis.find((a) => a.prefix)?.prefix;
  return <DocsContent name={session.portal.displayName} prefix={prefix} apiBaseUrl={session.portal.apiBaseUrl} docsMarkdown={session.portal.docsMarkdown} />;
}
