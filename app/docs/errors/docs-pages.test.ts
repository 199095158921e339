import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CATALOGUE } from "@/lib/api/catalogue";
import { resetEnvForTests } from "@/lib/env";
import ErrorPage from "./[...code]/page";
import ErrorIndex from "./page";

const PUBLIC_URL = "https://keys.example.com";

describe("error docs pages", () => {
  beforeAll(() => {
    process.env.PUBLIC_URL = PUBLIC_URL;
    resetEnvForTests();
  });
  afterAll(() => {
    delete process.env.PUBLIC_URL;
    resetEnvForTests();
  });

  const render = async (code: string) => renderToStaticMarkup(await ErrorPage({ params: Promise.resolve({ code: code.split("/") }) }));

  it("the index links every code, grouped under system and category headings", () => {
    const html = renderToStaticMarkup(ErrorIndex());
    for (const doc of CATALOGUE) expect(html).toContain(`href="/docs/errors/${doc.code}"`);
    expect(html).toContain("<h2");
    expect(html).toContain(">Authentication</h3>");
  });

  it.each(CATALOGUE.map((d) => d.code))("%s has a page with status, title, what happened, fix and example body", async (code) => {
    const doc = CATALOGUE.find((d) => d.code === code)!;
    const html = await render(code);
    expect(html).toContain(`HTTP ${doc.status}`);
    expect(html).toContain("What happened?");
    expect(html).toContain("How to fix it");
    expect(html).toContain(`&quot;type&quot;: &quot;${PUBLIC_URL}/docs/errors/${code}&quot;`);
    expect(html).not.toContain("{{PUBLIC_URL}}");
    expect(doc.happened.length).toBeGreaterThan(40);
    expect(doc.fix.length).toBeGreaterThan(0);
  });

  it.each(["unkey/authentication/portal_token_missing", "unkey/data/portal_config_not_found", "unkey/authentication/missing"])(
    "seed code %s is at least as helpful as the seed: curl against this server and common mistakes",
    async (code) => {
      const html = await render(code);
      expect(html).toContain(`curl -X POST ${PUBLIC_URL}/v2/`);
      expect(html).toContain("Common mistakes");
      expect(html.match(/<dt>/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
    },
  );

  it("an unknown code is a 404 (notFound)", async () => {
    await expect(render("unkey/data/nope")).rejects.toThrow();
  });
});
