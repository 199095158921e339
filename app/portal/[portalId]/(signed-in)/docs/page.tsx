import type { Metadata } from "next";
import { DocsContent } from "../../../_components/docs-content";
import { portalApis } from "@/lib/portal-sessions/page-apis";
import { portalI18n } from "@/lib/portal-sessions/page-i18n";
import { requirePortalSession } from "@/lib/portal-sessions/page-session";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ portalId: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: (await portalI18n((await params).portalId)).m.docs.title };
}

/**
 * How to call the SaaS API with a key: snippets built from the portal's key prefix and API base URL,
 * explained in the session's language. The operator's note below is shown as they wrote it.
 */
export default async function DocsPage({ params }: Params) {
  const { portalId } = await params;
  const session = await requirePortalSession(portalId);
  const i18n = await portalI18n(portalId);
  const apis = await portalApis(session);
  const prefix = session.portal.keyTemplate.prefix ?? apis.find((a) => a.prefix)?.prefix;
  return <DocsContent name={session.portal.displayName} prefix={prefix} apiBaseUrl={session.portal.apiBaseUrl} docsMarkdown={session.portal.docsMarkdown} i18n={i18n} />;
}
