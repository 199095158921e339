import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { post } from "@/lib/testing/fixtures";
import { ALL_PORTAL_PERMISSIONS, type Harness, openHarness, seedTenant, type Tenant } from "@/lib/testing/harness";
import { codeOf } from "@/lib/testing/portal-fixtures";
import { BACKENDS } from "@/lib/testing/test-db";

/**
 * The landing page speaks the language of the session its link signs in to (docs/sessions.md
 * "Languages"), read by the code's hash on the GET — which still redeems nothing.
 */
describe.each(BACKENDS)("the landing page in the link's language on %s", (backend) => {
  let h: Harness;
  let acme: Tenant;
  let other: Tenant;

  beforeAll(async () => {
    h = await openHarness(backend);
    acme = await seedTenant(h.url, "Acme", "acme-portal");
    other = await seedTenant(h.url, "Other", "other-portal");
  });
  afterAll(() => h.close());

  const mint = async (t: Tenant, locale?: string) => {
    const res = await post(h.url, "/v2/portal.createSession", { slug: t.slug, externalId: "kenji", permissions: ALL_PORTAL_PERMISSIONS, ...(locale ? { locale } : {}) }, t.rootKey);
    expect(res.status, res.text).toBe(200);
    return codeOf(res.body.data.url as string);
  };
  const landing = async (portalId: string, query: string) => (await fetch(`${h.url}/portal/${portalId}${query}`)).text();

  it("a Japanese link's landing is a Japanese document, and the GET leaves the code redeemable", async () => {
    const code = await mint(acme, "ja-JP");
    for (const query of [`?session=${code}`, `?code=${code}`]) {
      const html = await landing(acme.portalId, query);
      expect(html).toMatch(/^<!doctype html>\s*<html lang="ja">/);
      expect(html).toContain("サインインしています…");
      expect(html).not.toContain(code);
    }
    const exchanged = await post(h.url, "/v2/portal.exchangeCode", { code });
    expect(exchanged.status, exchanged.text).toBe(200);
  });

  it("is English without a code, for an unknown code, for another portal's code, or a locale that does not ship", async () => {
    const germanElsewhere = await mint(other, "de");
    const portuguese = await mint(acme, "pt-BR");
    for (const query of ["", "?session=pst_unknown0000000000000000", `?session=${germanElsewhere}`, `?session=${portuguese}`, "?session=not-a-code"]) {
      const html = await landing(acme.portalId, query);
      expect(html, query).toMatch(/^<!doctype html>\s*<html lang="en">/);
      expect(html, query).toContain("Signing you in…");
    }
  });
});
