import { describe, expect, it } from "vitest";
import { parseInline, parseMarkdown } from "./markdown";

describe("parseMarkdown", () => {
  it("splits paragraphs on blank lines and joins soft breaks", () => {
    expect(parseMarkdown("one\ntwo\n\nthree")).toEqual([
      { kind: "paragraph", children: [{ kind: "text", text: "one two" }] },
      { kind: "paragraph", children: [{ kind: "text", text: "three" }] },
    ]);
  });

  it("keeps fenced code literally, with its language", () => {
    expect(parseMarkdown("Call it:\n\n```bash\ncurl -H 'x: <b>'\n  indented\n```\nafter")).toEqual([
      { kind: "paragraph", children: [{ kind: "text", text: "Call it:" }] },
      { kind: "code", lang: "bash", text: "curl -H 'x: <b>'\n  indented" },
      { kind: "paragraph", children: [{ kind: "text", text: "after" }] },
    ]);
  });

  it("treats an unclosed fence as code to the end", () => {
    expect(parseMarkdown("```\nabc")).toEqual([{ kind: "code", text: "abc" }]);
  });

  it("leaves HTML as text (React escapes it when rendering)", () => {
    expect(parseMarkdown("<script>alert(1)</script>")).toEqual([
      { kind: "paragraph", children: [{ kind: "text", text: "<script>alert(1)</script>" }] },
    ]);
  });
});

describe("parseInline", () => {
  it("parses code spans and http(s) links", () => {
    expect(parseInline("Use `Authorization: Bearer` — see [the docs](https://api.example.com/docs).")).toEqual([
      { kind: "text", text: "Use " },
      { kind: "code", text: "Authorization: Bearer" },
      { kind: "text", text: " — see " },
      { kind: "link", text: "the docs", href: "https://api.example.com/docs" },
      { kind: "text", text: "." },
    ]);
  });

  it.each(["javascript:alert(1)", "data:text/html,x", "/relative", "vbscript:x", "JaVaScRiPt:alert(1)"])("drops the link %s but keeps its text", (href) => {
    expect(parseInline(`[click](${href})`)).toEqual([{ kind: "text", text: "click" }]);
  });

  it("does not parse links inside code spans", () => {
    expect(parseInline("`[a](https://x.example)`")).toEqual([{ kind: "code", text: "[a](https://x.example)" }]);
  });
});
