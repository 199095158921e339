import type { Metadata } from "next";
import Link from "next/link";
import { categoryTitle, groupedCatalogue, splitCode, systemTitle } from "./_lib/error-pages";

export const metadata: Metadata = { title: "Error reference" };

/** /docs/errors — every error code Keyport answers with, grouped by system and category. */
export default function ErrorIndex() {
  const groups = groupedCatalogue();
  return (
    <main className="doc">
      <nav className="doc-nav" aria-label="Breadcrumb">
        <Link href="/">Keyport</Link> / Errors
      </nav>
      <h1>Error reference</h1>
      <p>
        Every error response carries a <code>type</code> URL pointing at one of these pages. Each says what happened, how to
        fix it, and the mistakes that usually cause it. The status and title are the same on every response with that code.
      </p>
      {groups.map((g) => (
        <section key={g.system} aria-labelledby={`sys-${g.system}`}>
          <h2 id={`sys-${g.system}`}>{systemTitle(g.system)}</h2>
          {g.categories.map((c) => (
            <section key={c.category} aria-labelledby={`cat-${g.system}-${c.category}`}>
              <h3 id={`cat-${g.system}-${c.category}`}>{categoryTitle(c.category)}</h3>
              <ul className="doc-list">
                {c.docs.map((d) => (
                  <li key={d.code}>
                    <Link href={`/docs/errors/${d.code}`}>{splitCode(d.code).name}</Link>
                    <span>
                      {d.status} {d.title}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </section>
      ))}
      <p className="doc-footer">
        Request and response shapes: <a href="/openapi.json">/openapi.json</a>.
      </p>
    </main>
  );
}
