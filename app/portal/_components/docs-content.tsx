import type { I18n } from "@/lib/i18n/catalogue";
import { fill, interpolate } from "@/lib/i18n/translate";
import { docsExamples } from "@/lib/ui/docs-examples";
import { CodeBlock } from "./code-block";
import { Markdown } from "./markdown";

/**
 * The docs tab: how to call the portal's API with a key (snippets built from the key prefix and the
 * API base URL), explained in the session's language, then the operator's note as they wrote it. The
 * docs page renders it, and so does the console's preview of a portal while its note is being
 * written (docs/console.md "Portals").
 */
export function DocsContent({ name: app, prefix, apiBaseUrl, docsMarkdown, i18n }: { name: string; prefix?: string; apiBaseUrl?: string; docsMarkdown?: string; i18n: I18n }) {
  const d = i18n.m.docs;
  const ex = docsExamples({ prefix, apiBaseUrl });
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
      {docsMarkdown ? (
        <>
          <h2 className="p-section-title">{fill(d.notesFrom, { app })}</h2>
          <div className="card card-pad" data-testid="docs-note">
            <Markdown source={docsMarkdown} words={d} />
          </div>
        </>
      ) : null}
    </>
  );
}
