import { describe, expect, it } from "vitest";
import { type Block, type Inline, parseMarkdown } from "./markdown";

const text = (t: string): Inline => ({ kind: "text", text: t });
const para = (...children: Inline[]): Block => ({ kind: "paragraph", children });
/** The inlines of a one-paragraph document. */
const inline = (source: string): Inline[] => {
  const [only, ...rest] = parseMarkdown(source);
  expect(rest).toEqual([]);
  if (only?.kind !== "paragraph") throw new Error(`not one paragraph: ${JSON.stringify(only)}`);
  return only.children;
};

describe("parseMarkdown: blocks", () => {
  it("splits paragraphs on blank lines and keeps soft breaks as text", () => {
    expect(parseMarkdown("one\ntwo\n\nthree")).toEqual([para(text("one\ntwo")), para(text("three"))]);
  });

  it("parses ATX and setext headings, the note's top level becoming level 3", () => {
    expect(parseMarkdown("## Using your key\n\nSend it.\n\n### Rotating")).toEqual([
      { kind: "heading", level: 3, children: [text("Using your key")] },
      para(text("Send it.")),
      { kind: "heading", level: 4, children: [text("Rotating")] },
    ]);
    expect(parseMarkdown("Title\n=====\n\nSub\n---")).toEqual([
      { kind: "heading", level: 3, children: [text("Title")] },
      { kind: "heading", level: 4, children: [text("Sub")] },
    ]);
    expect(parseMarkdown("# a\n\n###### f")).toEqual([
      { kind: "heading", level: 3, children: [text("a")] },
      { kind: "heading", level: 6, children: [text("f")] },
    ]);
  });

  it("parses bullet and ordered lists, tight or loose, nested", () => {
    expect(parseMarkdown("- one\n- two\n  1. inner")).toEqual([
      {
        kind: "list",
        ordered: false,
        tight: true,
        items: [[para(text("one"))], [para(text("two")), { kind: "list", ordered: true, tight: true, items: [[para(text("inner"))]] }]],
      },
    ]);
    expect(parseMarkdown("3. three\n\n4. four")).toEqual([{ kind: "list", ordered: true, start: 3, tight: false, items: [[para(text("three"))], [para(text("four"))]] }]);
  });

  it("keeps fenced and indented code literally, with a plain language name only", () => {
    expect(parseMarkdown("Call it:\n\n```bash\ncurl -H 'x: <b>'\n  indented\n```\nafter")).toEqual([
      para(text("Call it:")),
      { kind: "code", lang: "bash", text: "curl -H 'x: <b>'\n  indented" },
      para(text("after")),
    ]);
    expect(parseMarkdown("    <script>x</script>")).toEqual([{ kind: "code", text: "<script>x</script>" }]);
    expect(parseMarkdown('```"><img\nx\n```')).toEqual([{ kind: "code", text: "x" }]);
  });

  it("treats an unclosed fence as code to the end", () => {
    expect(parseMarkdown("```\nabc")).toEqual([{ kind: "code", text: "abc" }]);
  });

  it("parses block quotes and thematic breaks", () => {
    expect(parseMarkdown("> quoted **bold**\n\n---")).toEqual([{ kind: "quote", children: [para(text("quoted "), { kind: "strong", children: [text("bold")] })] }, { kind: "rule" }]);
  });

  it("flattens containers nested past the depth limit to their text", () => {
    const deep = parseMarkdown(`${">".repeat(3000)} bottom`);
    let depth = 0;
    for (let b: Block | undefined = deep[0]; b?.kind === "quote"; b = b.children[0]) depth++;
    expect(depth).toBe(8);
    expect(JSON.stringify(deep)).toContain("bottom");
    expect(parseMarkdown("*".repeat(500) + "x" + "*".repeat(500)).length).toBeGreaterThan(0);
  });
});

describe("parseMarkdown: raw HTML is never markup", () => {
  it.each([
    ["<script>alert(1)</script>", "<script>alert(1)</script>"],
    ['<img src=x onerror="alert(1)">', '<img src=x onerror="alert(1)">'],
    ["<div>\n*block*\n</div>", "<div>\n"],
    ["a <b>bold</b> <!-- note --> end", "a <b>bold</b> <!-- note --> end"],
    ["&lt;svg onload=alert(1)&gt;", "<svg onload=alert(1)>"],
  ])("%j stays text", (source, visible) => {
    const json = JSON.stringify(parseMarkdown(source));
    expect(json).toContain(JSON.stringify(visible).slice(1, -1));
    expect(json).not.toMatch(/"kind":"(html|raw)"/);
  });

  it("keeps the markdown around an HTML-looking tag", () => {
    expect(inline("Send `<key>` as <your-key> with *care*")).toEqual([
      text("Send "),
      { kind: "code", text: "<key>" },
      text(" as <your-key> with "),
      { kind: "emphasis", children: [text("care")] },
    ]);
  });
});

describe("parseMarkdown: inlines", () => {
  it("parses emphasis, strong, code spans, hard breaks and http(s) links", () => {
    expect(inline("Use `Authorization: Bearer` — *see* **[the docs](https://api.example.com/docs)**.  \nnext")).toEqual([
      text("Use "),
      { kind: "code", text: "Authorization: Bearer" },
      text(" — "),
      { kind: "emphasis", children: [text("see")] },
      text(" "),
      { kind: "strong", children: [{ kind: "link", href: "https://api.example.com/docs", children: [text("the docs")] }] },
      text("."),
      { kind: "break" },
      text("next"),
    ]);
  });

  it("resolves reference links and autolinks", () => {
    expect(parseMarkdown("See [the guide][g] or <https://x.example/a>.\n\n[g]: https://docs.example/guide")).toEqual([
      para(
        text("See "),
        { kind: "link", href: "https://docs.example/guide", children: [text("the guide")] },
        text(" or "),
        { kind: "link", href: "https://x.example/a", children: [text("https://x.example/a")] },
        text("."),
      ),
    ]);
  });

  it.each([
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java%0ascript:alert(1)",
    "&#106;avascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:x",
    "mailto:a@b.example",
    "/relative",
    "#anchor",
    "//evil.example/x",
  ])("drops the link %s but keeps its text", (href) => {
    expect(inline(`[click](${href})`)).toEqual([text("click")]);
    expect(inline(`[click][r]\n\n[r]: ${href}`)).toEqual([text("click")]);
  });

  it("drops an autolink that is not http(s)", () => {
    expect(inline("<javascript:alert(1)> <a@b.example>")).toEqual([text("javascript:alert(1) a@b.example")]);
  });

  it("shows images as their alt text and never as a picture", () => {
    expect(inline("![a diagram](https://img.example/x.png) [![logo](https://img.example/l.png)](https://x.example)")).toEqual([
      text("a diagram "),
      { kind: "link", href: "https://x.example/", children: [text("logo")] },
    ]);
  });

  it("does not parse markdown inside code spans", () => {
    expect(inline("`[a](https://x.example) *b*`")).toEqual([{ kind: "code", text: "[a](https://x.example) *b*" }]);
  });
});
