import { docsExamples } from "@/lib/ui/docs-examples";
import { CodeBlock } from "./code-block";
import { Markdown } from "./markdown";

/**
 * The docs tab: how to call the portal's API with a key (snippets built from the key prefix and the
 * API base URL), then the operator's note. The docs page renders it, and so does the console's
 * preview of a portal while its note is being written (docs/console.md "Portals").
 */
export function DocsContent({ name, prefix, apiBaseUrl, docsMarkdown }: { name: string; prefix?: string; apiBaseUrl?: string; docsMarkdown?: string }) {
  const ex = docsExamples({ prefix, apiBaseUrl });
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
      {docsMarkdown ? (
        <>
          <h2 className="p-section-title">Notes from {name}</h2>
          <div className="card card-pad" data-testid="docs-note">
            <Markdown source={docsMarkdown} />
          </div>
        </>
      ) : null}
    </>
  );
}
