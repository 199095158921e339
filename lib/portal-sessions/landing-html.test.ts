import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { landingHtml } from "@/lib/portal-sessions/landing-html";

/**
 * The landing page's script, run against a stub browser: which code it redeems, and that the code
 * leaves the address bar before the POST. (The real browser flow is e2e/portal-landing.spec.ts.)
 */
function land(href: string) {
  const html = landingHtml("pc_test", { displayName: "Acme" });
  const script = /<script>([\s\S]*)<\/script>/.exec(html)?.[1] ?? "";
  const events: string[] = [];
  let posted: unknown;
  const element = () => ({ textContent: "", hidden: true, setAttribute() {}, removeAttribute() {}, addEventListener() {}, focus() {}, getAttribute: () => "pc_test" });
  runInNewContext(script, {
    URL,
    JSON,
    encodeURIComponent,
    window: { location: { href } },
    document: { getElementById: element },
    history: { state: null, replaceState: (_s: unknown, _t: string, url: string) => events.push(`address ${url}`) },
    location: { replace: (url: string) => events.push(`go ${url}`) },
    fetch: (url: string, init: { body: string }) => {
      posted = JSON.parse(init.body);
      events.push(`POST ${url}`);
      return new Promise(() => {});
    },
  });
  return { events, posted };
}

describe("portal landing script", () => {
  it("redeems ?code= (Unkey's current document), after dropping it from the address", () => {
    const { events, posted } = land("http://localhost:3000/portal/pc_test?code=pst_abc&tab=keys#top");
    expect(posted).toEqual({ code: "pst_abc" });
    expect(events).toEqual(["address /portal/pc_test?tab=keys#top", "POST /v2/portal.exchangeCode"]);
  });

  it("still redeems ?session= (Keyport's links), which wins when both are present; both leave the address", () => {
    expect(land("http://localhost:3000/portal/pc_test?session=pst_s").posted).toEqual({ code: "pst_s" });
    const both = land("http://localhost:3000/portal/pc_test?code=pst_c&session=pst_s");
    expect(both.posted).toEqual({ code: "pst_s" });
    expect(both.events[0]).toBe("address /portal/pc_test");
  });

  it("without a code goes straight to the keys page", () => {
    const { events, posted } = land("http://localhost:3000/portal/pc_test");
    expect(posted).toBeUndefined();
    expect(events).toEqual(["address /portal/pc_test", "go /portal/pc_test/keys"]);
  });
});

describe("portal landing document", () => {
  it("wears the portal's name, logo and colour, with markup in a name shown as text", () => {
    const html = landingHtml("pc_test", { displayName: `Acme <img src=x onerror=alert(1)> "Cloud"`, logoUrl: "https://cdn.acme.test/logo.svg?a=1&b=2", primaryColor: "#0F766E" });
    expect(html).toContain("<title>Signing in · Acme &lt;img src=x onerror=alert(1)&gt; &quot;Cloud&quot;</title>");
    expect(html).toContain('<span class="p-brand-name">Acme &lt;img src=x onerror=alert(1)&gt; &quot;Cloud&quot;</span>');
    expect(html).not.toContain("<img src=x");
    expect(html).toContain('<img src="https://cdn.acme.test/logo.svg?a=1&amp;b=2" alt="" referrerpolicy="no-referrer">');
    expect(html).toContain('<main class="p-center" style="--brand:#0f766e;--brand-fg:#ffffff">');
  });

  it("drops a colour or logo that is not safe, and falls back to a monogram in Keyport's accent", () => {
    const html = landingHtml("pc_test", { displayName: "acme", logoUrl: "javascript:alert(1)", primaryColor: "red;}body{display:none" });
    expect(html).toContain('<main class="p-center">');
    expect(html).toContain('<span class="p-brand-mark" aria-hidden="true">A</span>');
    expect(html).not.toContain("javascript:");
    expect(html).not.toContain("body{display:none");
  });
});
