import { describe, expect, it } from "vitest";
import { checkEmbedOrigin, embedOriginsSchema, frameAncestors, MAX_EMBED_ORIGINS } from "@/lib/portal-configs/embed-origins";
import { contentSecurityPolicy, securityHeaders } from "@/lib/http/security-headers";
import { framedPortalId, withFrameAncestors } from "@/lib/http/portal-framing";
import { originAllowed, parentOrigin } from "@/lib/ui/embed-events";

describe("embed origin rule (docs/embedding.md)", () => {
  it.each([
    ["https://app.example.com", "https://app.example.com"],
    ["https://app.example.com/", "https://app.example.com"],
    ["HTTPS://App.Example.COM", "https://app.example.com"],
    ["https://app.example.com:443", "https://app.example.com"],
    ["https://app.example.com:8443", "https://app.example.com:8443"],
    ["https://*.example.com", "https://*.example.com"],
    ["https://*.eu.example.com:8443/", "https://*.eu.example.com:8443"],
    ["https://bücher.example", "https://xn--bcher-kva.example"],
    ["https://10.0.0.7", "https://10.0.0.7"],
    ["https://localhost:8443", "https://localhost:8443"],
    ["http://localhost:5173", "http://localhost:5173"],
    ["http://127.0.0.1:8080/", "http://127.0.0.1:8080"],
  ])("%j is accepted as %j", (raw, origin) => {
    expect(checkEmbedOrigin(raw)).toEqual({ origin });
  });

  it.each([
    ["http://app.example.com", /https/],
    ["http://localhost", /port/],
    ["http://*.localhost:3000", /https/],
    ["ftp://app.example.com", /https/],
    ["app.example.com", /origin such as/],
    ["//app.example.com", /origin such as/],
    ["https://app.example.com/embed", /no path/],
    ["https://app.example.com/?x=1", /no path/],
    ["https://app.example.com#top", /no path/],
    ["https://user:pw@app.example.com", /credentials/],
    ["https://*", /leading label/],
    ["https://*.com", /two labels/],
    ["*", /origin such as/],
    ["https://a.*.example.com", /leading label/],
    ["https://**.example.com", /leading label/],
    ["https://app*.example.com", /leading label/],
    ["https://*.10.0.0.7", /IP address/],
    ["https://[::1]:8443", /domain name or IPv4/],
    ["https://exa_mple.com", /valid host/],
    ["https://example", /full domain/],
    ["https://app.example.com\n", /control/],
    ["https:// app.example.com", /spaces/],
    ["https://app.example.com;script-src *", /spaces|no path|valid host/],
    ["https://app.example.com'", /valid host|origin/],
    ["'self'", /origin such as/],
    ["https://" + "a".repeat(300) + ".com", /300/],
  ])("%j is refused (%s)", (raw, problem) => {
    const r = checkEmbedOrigin(raw);
    expect(r).toHaveProperty("problem");
    expect((r as { problem: string }).problem).toMatch(problem);
  });

  it("a list is normalised and deduplicated in order; [] means nobody", () => {
    expect(embedOriginsSchema.parse(["https://B.example.com/", "http://localhost:3000", "https://b.example.com:443", "http://localhost:3000/"])).toEqual([
      "https://b.example.com",
      "http://localhost:3000",
    ]);
    expect(embedOriginsSchema.parse([])).toEqual([]);
  });

  it("names each bad entry with its index and a fix", () => {
    const r = embedOriginsSchema.safeParse(["https://ok.example.com", "http://evil.example"]);
    expect(r.success).toBe(false);
    const [issue] = r.error!.issues;
    expect(issue?.path).toEqual([1]);
    expect(issue?.message).toMatch(/^embedOrigins\.1 must use https/);
    expect((issue as { params?: { fix?: string } }).params?.fix).toMatch(/origin of the page that frames the portal/);
  });

  it(`refuses more than ${MAX_EMBED_ORIGINS} entries`, () => {
    const many = Array.from({ length: MAX_EMBED_ORIGINS + 1 }, (_, i) => `https://a${i}.example.com`);
    expect(embedOriginsSchema.safeParse(many.slice(0, MAX_EMBED_ORIGINS)).success).toBe(true);
    expect(embedOriginsSchema.safeParse(many).error?.issues[0]?.message).toMatch(/at most 20/);
  });
});

describe("the CSP built from embed origins", () => {
  it("frame-ancestors is 'none' without origins, else 'self' and the list", () => {
    expect(frameAncestors([])).toBe("'none'");
    expect(frameAncestors(["https://app.example.com", "https://*.example.org"])).toBe("'self' https://app.example.com https://*.example.org");
  });

  it("only the frame-ancestors directive changes; the fixed policy of other paths is today's", () => {
    const fixed = securityHeaders().find((h) => h.key === "Content-Security-Policy")?.value;
    expect(fixed).toBe(contentSecurityPolicy());
    expect(fixed).toMatch(/; frame-ancestors 'none'$/);
    const embeddable = contentSecurityPolicy({ frameAncestors: frameAncestors(["http://localhost:5173"]) });
    expect(embeddable).toBe(fixed!.replace("frame-ancestors 'none'", "frame-ancestors 'self' http://localhost:5173"));
    expect(withFrameAncestors(fixed!, "'self' https://a.example.com")).toBe(contentSecurityPolicy({ frameAncestors: "'self' https://a.example.com" }));
    const dev = contentSecurityPolicy({ dev: true });
    expect(withFrameAncestors(dev, "'self' https://a.example.com")).toContain("'unsafe-eval'");
    expect(withFrameAncestors("default-src 'self'", "'none'")).toBe("default-src 'self'; frame-ancestors 'none'");
  });

  it("framedPortalId matches the landing and the pages of a portal, nothing else", () => {
    expect(framedPortalId("/portal/pc_abc123")).toBe("pc_abc123");
    expect(framedPortalId("/portal/pc_abc123/keys")).toBe("pc_abc123");
    expect(framedPortalId("/portal/pc_abc123/ended")).toBe("pc_abc123");
    for (const path of ["/", "/portal", "/portal/", "/portal/acme/keys", "/portal/pc_a-b/keys", "/docs/errors", "/v2/portal.listKeys", "/portalx/pc_abc"]) {
      expect(framedPortalId(path), path).toBeUndefined();
    }
  });
});

describe("where the framed portal posts its events", () => {
  const allowed = ["https://app.example.com", "https://*.example.org", "http://localhost:5173"];

  it("an exact origin, or a subdomain of a *. entry at any depth", () => {
    expect(originAllowed("https://app.example.com", allowed)).toBe(true);
    expect(originAllowed("https://a.example.org", allowed)).toBe(true);
    expect(originAllowed("https://a.b.example.org", allowed)).toBe(true);
    expect(originAllowed("http://localhost:5173", allowed)).toBe(true);
  });

  it("never the bare domain of a *. entry, another scheme, port or host, or a non-origin", () => {
    for (const origin of ["https://example.org", "http://a.example.org", "https://a.example.org:8443", "https://evil-example.org", "https://app.example.com.evil.io", "http://localhost:5174", "null", "*", "https://app.example.com/"]) {
      expect(originAllowed(origin, allowed), origin).toBe(false);
    }
    expect(originAllowed("https://app.example.com", [])).toBe(false);
  });

  it("the direct parent from ancestorOrigins, else the referrer — only when allowed", () => {
    expect(parentOrigin({ ancestorOrigins: ["https://app.example.com", "https://evil.io"], allowed })).toBe("https://app.example.com");
    expect(parentOrigin({ ancestorOrigins: ["https://evil.io"], referrer: "https://app.example.com/x", allowed })).toBeUndefined();
    expect(parentOrigin({ ancestorOrigins: [], referrer: "https://a.example.org/page?q=1", allowed })).toBe("https://a.example.org");
    expect(parentOrigin({ referrer: "", allowed })).toBeUndefined();
    expect(parentOrigin({ referrer: "not a url", allowed })).toBeUndefined();
  });
});
