import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { i18nFor } from "@/lib/i18n/catalogue";
import { landingHtml } from "@/lib/portal-sessions/landing-html";

/**
 * The landing page's script, run against a stub browser: which code it redeems, and that the code
 * leaves the address bar before the POST. (The real browser flow is e2e/portal-landing.spec.ts.)
 */
const ENGLISH = i18nFor(undefined);

function land(href: string, locale?: string) {
  const html = landingHtml("pc_test", { displayName: "Acme" }, i18nFor(locale));
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

/** The script in a language, against a stub browser whose exchange answers `answer`; what the page then says and where it goes. */
async function landIn(locale: string, answer: { status: number; body?: unknown } | "offline") {
  const html = landingHtml("pc_test", { displayName: "Acme" }, i18nFor(locale));
  const script = /<script>([\s\S]*)<\/script>/.exec(html)?.[1] ?? "";
  const went: string[] = [];
  type Stub = { textContent: string; hidden: boolean; parts: string[] };
  const elements = new Map<string, Stub>();
  const element = (id: string) => {
    let el = elements.get(id);
    if (!el) {
      const stub: Stub = { textContent: "", hidden: true, parts: [] };
      el = Object.assign(stub, {
        setAttribute() {},
        removeAttribute() {},
        addEventListener() {},
        focus() {},
        getAttribute: () => "pc_test",
        append: (...nodes: (string | { textContent: string })[]) => stub.parts.push(...nodes.map((n) => (typeof n === "string" ? n : `<strong>${n.textContent}</strong>`))),
      });
      elements.set(id, el);
    }
    return el;
  };
  runInNewContext(script, {
    URL,
    JSON,
    Object,
    encodeURIComponent,
    window: { location: { href: "http://localhost:3000/portal/pc_test?session=pst_x" } },
    document: { getElementById: element, createElement: () => ({ textContent: "" }) },
    history: { state: null, replaceState() {} },
    location: { replace: (url: string) => went.push(url) },
    fetch: () =>
      answer === "offline" ? Promise.reject(new TypeError("offline")) : Promise.resolve({ ok: answer.status < 300, status: answer.status, json: () => Promise.resolve(answer.body) }),
  });
  await new Promise((resolve) => setTimeout(resolve, 0));
  const text = (id: string) => element(id).textContent + element(id).parts.join("");
  return { html, went, title: text("title"), detail: text("detail"), stay: text("stay"), change: text("switch") };
}

describe("portal landing in the session's language", () => {
  it("is a German document when the link's session is German, and says so while it signs in", async () => {
    const { html } = await landIn("de", { status: 200 });
    expect(html).toContain('<html lang="de">');
    expect(html).toContain("<title>Anmeldung · Acme</title>");
    expect(html).toContain('<h1 id="title">Sie werden angemeldet…</h1>');
    expect(html).toContain("<noscript><p>Für die Anmeldung wird JavaScript benötigt");
    expect(html).not.toContain("Signing you in");
  });

  it("asks before switching accounts in Japanese, the names as text in <strong>", async () => {
    const page = await landIn("ja", { status: 409, body: { error: { context: { signedInAs: "alice", linkFor: "<b>bob</b>" } } } });
    expect(page.title).toBe("すでにサインインしています");
    expect(page.detail).toBe("このブラウザは、このポータルに <strong>alice</strong> としてサインインしています。開いたリンクは <strong><b>bob</b></strong> としてサインインするためのものです。");
    expect(page.stay).toBe("alice のままにする");
    expect(page.change).toBe("<b>bob</b> に切り替える");
  });

  it("the English prompt reads as it always has", async () => {
    const page = await landIn("en", { status: 409, body: { error: { context: { signedInAs: "alice", linkFor: "bob" } } } });
    expect(page.detail).toBe("This browser is signed in to this portal as <strong>alice</strong>. The link you opened signs in as <strong>bob</strong>.");
    expect([page.title, page.stay, page.change]).toEqual(["You’re already signed in", "Stay signed in as alice", "Switch to bob"]);
  });

  it("sends a refused link to the ended page in the same language; English adds nothing", async () => {
    expect((await landIn("fr", { status: 401 })).went).toEqual(["/portal/pc_test/ended?reason=invalid_link&lang=fr"]);
    expect((await landIn("es", { status: 429 })).went).toEqual(["/portal/pc_test/ended?reason=rate_limited&lang=es"]);
    expect((await landIn("en", { status: 401 })).went).toEqual(["/portal/pc_test/ended?reason=invalid_link"]);
  });

  it("says the server was not reached in the session's language", async () => {
    const page = await landIn("de", "offline");
    expect([page.title, page.detail]).toEqual(["Der Server ist nicht erreichbar", "Prüfen Sie Ihre Verbindung und versuchen Sie es dann erneut."]);
  });

  it("keeps a message that could close the script element out of it", () => {
    const html = landingHtml("pc_test", { displayName: "Acme" }, { locale: "en", m: { ...ENGLISH.m, landing: { ...ENGLISH.m.landing, alreadyTitle: "</script><script>alert(1)</script>" } } });
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(html).toContain("\\u003c/script>\\u003cscript>alert(1)\\u003c/script>");
  });
});

describe("portal landing document", () => {
  it("wears the portal's name, logo and colour, with markup in a name shown as text", () => {
    const html = landingHtml("pc_test", { displayName: `Acme <img src=x onerror=alert(1)> "Cloud"`, logoUrl: "https://cdn.acme.test/logo.svg?a=1&b=2", primaryColor: "#0F766E" }, ENGLISH);
    expect(html).toContain("<title>Signing in · Acme &lt;img src=x onerror=alert(1)&gt; &quot;Cloud&quot;</title>");
    expect(html).toContain('<span class="p-brand-name">Acme &lt;img src=x onerror=alert(1)&gt; &quot;Cloud&quot;</span>');
    expect(html).not.toContain("<img src=x");
    expect(html).toContain('<img src="https://cdn.acme.test/logo.svg?a=1&amp;b=2" alt="" referrerpolicy="no-referrer">');
    expect(html).toContain('<main class="p-center" style="--brand:#0f766e;--brand-fg:#ffffff">');
  });

  it("drops a colour or logo that is not safe, and falls back to a monogram in Keyport's accent", () => {
    const html = landingHtml("pc_test", { displayName: "acme", logoUrl: "javascript:alert(1)", primaryColor: "red;}body{display:none" }, ENGLISH);
    expect(html).toContain('<main class="p-center">');
    expect(html).toContain('<span class="p-brand-mark" aria-hidden="true">A</span>');
    expect(html).not.toContain("javascript:");
    expect(html).not.toContain("body{display:none");
  });
});
