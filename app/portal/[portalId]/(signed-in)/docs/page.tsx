import type { Metadata } from "next";
import { CodeBlock } from "../../../_components/code-block";
import { Markdown } from "../../../_components/markdown";
import { docsExamples } from "@/lib/ui/docs-examples";
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
  const ex = docsExamples({ prefix, apiBaseUrl: session.portal.apiBaseUrl });
  const name = session.portal.displayName;

  return (
    <>
      <div className="p-page-head">
        <div>
          <h1>Using your API key</h1>
          <p>Send your key with every request to the {name} API.</p>
        </div>
      </div>
      <div className="card card-pad prose">
        <p>
          Put the key in the <code>Authorization</code> header as a Bearer token{prefix ? (
            <>
              . Keys start with <code>{prefix}_</code>
            </>
          ) : null}
          . Keep keys on your server: never ship them in a web page or a mobile app.
        </p>
        <p>
          The examples read the key from the environment variable <code data-testid="env-var">{ex.envVar}</code>.
        </p>
        {ex.placeholder ? (
          <p className="muted" data-testid="base-url-placeholder">
            <code>{ex.baseUrl}</code> stands for the {name} API&apos;s address: take it from {name}&apos;s own documentation.
          </p>
        ) : null}
        <h2 className="p-section-title">curl</h2>
        <CodeBlock code={ex.shell} lang="shell" label="curl example" />
        <h2 className="p-section-title">JavaScript</h2>
        <CodeBlock code={ex.javascript} lang="javascript" label="JavaScript example" />
      </div>
      {session.portal.docsMarkdown ? (
        <>
          <h2 className="p-section-title">Notes from {name}</h2>
          <div className="card card-pad" data-testid="docs-note">
            <Markdown source={session.portal.docsMarkdown} />
          </div>
        </>
      ) : null}
    </>
  );
}
