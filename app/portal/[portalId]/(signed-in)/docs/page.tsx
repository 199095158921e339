import type { Metadata } from "next";
import { fill, interpolate } from "@/lib/i18n/translate";
import { CodeBlock } from "../../../_components/code-block";
import { Markdown } from "../../../_components/markdown";
import { docsExamples } from "@/lib/ui/docs-examples";
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
  const { m } = await portalI18n(portalId);
  const d = m.docs;
  const apis = await portalApis(session);
  const prefix = session.portal.keyTemplate.prefix ?? apis.find((a) => a.prefix)?.prefix;
  const ex = docsExamples({ prefix, apiBaseUrl: session.portal.apiBaseUrl });
  const app = session.portal.displayName;

  return (
    <>
      <div className="p-page-head">
        <div>
          <h1>{d.heading}</h1>
          <p>{fill(d.lead, { app })}</p>
        </div>
      </div>
      <div className="card card-pad prose">
        <p>
          {interpolate(d.authHeader, { header: <code key="header">Authorization</code> })}{" "}
          {prefix ? <>{interpolate(d.prefix, { prefix: <code key="prefix">{prefix}_</code> })} </> : null}
          {d.keepSecret}
        </p>
        <p>{interpolate(d.envVar, { name: <code key="name" data-testid="env-var">{ex.envVar}</code> })}</p>
        {ex.placeholder ? (
          <p className="muted" data-testid="base-url-placeholder">
            {interpolate(d.placeholder, { baseUrl: <code key="baseUrl">{ex.baseUrl}</code>, app })}
          </p>
        ) : null}
        <h2 className="p-section-title">curl</h2>
        <CodeBlock code={ex.shell} lang="shell" label={d.curlExample} />
        <h2 className="p-section-title">JavaScript</h2>
        <CodeBlock code={ex.javascript} lang="javascript" label={d.javascriptExample} />
      </div>
      {session.portal.docsMarkdown ? (
        <>
          <h2 className="p-section-title">{fill(d.notesFrom, { app })}</h2>
          <div className="card card-pad" data-testid="docs-note">
            <Markdown source={session.portal.docsMarkdown} words={d} />
          </div>
        </>
      ) : null}
    </>
  );
}
