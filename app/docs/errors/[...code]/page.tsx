import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { env } from "@/lib/env";
import { exampleBody, fillPublicUrl, findDoc, splitCode } from "../_lib/error-pages";
import { InlineCode } from "../_lib/inline-code";

// Examples use this server's PUBLIC_URL, read at request time.
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ code: string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const doc = findDoc((await params).code);
  return { title: doc ? `${splitCode(doc.code).name} (${doc.status})` : "Unknown error code" };
}

/** /docs/errors/<system>/<category>/<code> — one error, rendered from lib/api/catalogue.ts. */
export default async function ErrorPage({ params }: Props) {
  const doc = findDoc((await params).code);
  if (!doc) notFound();
  const publicUrl = env().PUBLIC_URL;
  const fill = (t: string) => fillPublicUrl(t, publicUrl);
  const { system, category, name } = splitCode(doc.code);
  return (
    <main className="doc">
      <nav className="doc-nav" aria-label="Breadcrumb">
        <Link href="/">Keyport</Link> / <Link href="/docs/errors">Errors</Link> / {system} / {category}
      </nav>
      <h1>{name}</h1>
      <p className="doc-code">err:{doc.code.replaceAll("/", ":")}</p>
      <div className="doc-meta">
        <span className="doc-badge">HTTP {doc.status}</span>
        <span className="doc-badge">{doc.title}</span>
      </div>
      <p>
        <InlineCode text={fill(doc.detail)} />
      </p>

      <h2>What happened?</h2>
      <p>
        <InlineCode text={fill(doc.happened)} />
      </p>

      <h2>How to fix it</h2>
      <ol className="doc-steps">
        {doc.fix.map((step, i) => (
          <li key={i}>
            <InlineCode text={fill(step.step)} />
            {step.example ? (
              <pre tabIndex={0}>
                <code>{fill(step.example)}</code>
              </pre>
            ) : null}
          </li>
        ))}
      </ol>

      {doc.mistakes.length > 0 ? (
        <>
          <h2>Common mistakes</h2>
          <dl className="doc-mistakes">
            {doc.mistakes.map((m) => (
              <div key={m.title}>
                <dt>{m.title}</dt>
                <dd>
                  <InlineCode text={fill(m.text)} />
                </dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}

      <h2>Example response</h2>
      <pre tabIndex={0}>
        <code>{exampleBody(doc, publicUrl)}</code>
      </pre>

      <p className="doc-footer">
        <Link href="/docs/errors">All error codes</Link> · <a href="/openapi.json">OpenAPI document</a>
      </p>
    </main>
  );
}
