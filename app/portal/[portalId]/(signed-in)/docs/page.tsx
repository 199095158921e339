import type { Metadata } from "next";
import { Markdown } from "../../../_components/markdown";
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
  const example = `${prefix ? `${prefix}_` : ""}YOUR_API_KEY`;
  const base = session.portal.apiBaseUrl ?? "https://api.example.com";
  const name = session.portal.displayName;

  const curl = `curl ${base.replace(/\/+$/, "")}/ \\
  -H "Authorization: Bearer ${example}"`;
  const js = `const res = await fetch("${base.replace(/\/+$/, "")}/", {
  headers: { Authorization: \`Bearer \${process.env.${envName(name)}_API_KEY}\` },
});`;

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
        <h2 className="p-section-title">curl</h2>
        <pre tabIndex={0}>
          <code>{curl}</code>
        </pre>
        <h2 className="p-section-title">JavaScript</h2>
        <pre tabIndex={0}>
          <code>{js}</code>
        </pre>
        {session.portal.apiBaseUrl ? null : <p className="muted">Replace the example address with the {name} API address from its documentation.</p>}
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

function envName(displayName: string): string {
  const s = displayName.toUpperCase().replace(/[^A-Z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  return /^[A-Z]/.test(s) ? s.slice(0, 24) : "SERVICE";
}
