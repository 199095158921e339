import type { Nodes, PhrasingContent, Root, RootContent } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { toString as plainText } from "mdast-util-to-string";

/**
 * The markdown of a portal's docs note (docsMarkdown), as docs/portal-docs-markdown.md describes it:
 * CommonMark, parsed by micromark (mdast-util-from-markdown) into plain data that a server component
 * renders with React, so every character is escaped by construction and there is no HTML path at all.
 *
 * - Raw HTML is not parsed (micromark's HTML constructs are off): `<b>x</b>` stays visible text.
 * - Links keep only http(s) targets; any other link (javascript:, data:, mailto:, relative) is its text.
 * - Images become their alt text: the note never loads a picture from elsewhere.
 * - Headings are shifted so the note's top level is a third-level heading: the page and its
 *   "Notes from …" section own levels one and two.
 * - Containers nested deeper than MAX_DEPTH flatten to their text (a page never recurses without bound).
 */
export type Inline =
  | { kind: "text"; text: string }
  | { kind: "code"; text: string }
  | { kind: "emphasis" | "strong"; children: Inline[] }
  | { kind: "link"; href: string; children: Inline[] }
  | { kind: "break" };

export type Block =
  | { kind: "paragraph"; children: Inline[] }
  | { kind: "heading"; level: 3 | 4 | 5 | 6; children: Inline[] }
  | { kind: "code"; lang?: string; text: string }
  | { kind: "list"; ordered: boolean; start?: number; tight: boolean; items: Block[][] }
  | { kind: "quote"; children: Block[] }
  | { kind: "rule" };

const MAX_SOURCE = 20_000;
const MAX_DEPTH = 8;
const LANG = /^[\w+#.-]{1,20}$/;
const NO_HTML = { disable: { null: ["htmlFlow", "htmlText"] } };

/** Recently parsed notes: a note changes rarely, and pathological emphasis costs micromark ~1 s at 5000 characters. */
const recent = new Map<string, Block[]>();
const RECENT_MAX = 32;

export function parseMarkdown(source: string): Block[] {
  const hit = recent.get(source);
  if (hit) return hit;
  const parsed = parse(source);
  if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value ?? "");
  recent.set(source, parsed);
  return parsed;
}

function parse(source: string): Block[] {
  const root = fromMarkdown(source.slice(0, MAX_SOURCE), { extensions: [NO_HTML] });
  const top = Math.min(6, ...headingDepths(root));
  const ctx: Context = { links: definitions(root), shift: 3 - top };
  return blocks(root.children, ctx, 0);
}

export function safeHref(href: string): string | undefined {
  try {
    const url = new URL(href);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

type Context = { links: Map<string, string>; shift: number };

function blocks(nodes: RootContent[], ctx: Context, depth: number): Block[] {
  return nodes.flatMap((n) => block(n, ctx, depth));
}

function block(node: RootContent, ctx: Context, depth: number): Block[] {
  if (depth >= MAX_DEPTH && (node.type === "list" || node.type === "blockquote")) return textParagraph(plainText(node));
  switch (node.type) {
    case "paragraph":
      return paragraph(inlines(node.children, ctx, depth));
    case "heading": {
      const level = Math.min(6, Math.max(3, node.depth + ctx.shift)) as 3 | 4 | 5 | 6;
      return [{ kind: "heading", level, children: inlines(node.children, ctx, depth) }];
    }
    case "code":
      return [{ kind: "code", ...(node.lang && LANG.test(node.lang) ? { lang: node.lang } : {}), text: node.value }];
    case "list":
      return [
        {
          kind: "list",
          ordered: node.ordered === true,
          ...(node.ordered && typeof node.start === "number" && node.start !== 1 ? { start: node.start } : {}),
          tight: node.spread !== true && node.children.every((item) => item.spread !== true),
          items: node.children.map((item) => blocks(item.children, ctx, depth + 1)),
        },
      ];
    case "blockquote":
      return [{ kind: "quote", children: blocks(node.children, ctx, depth + 1) }];
    case "thematicBreak":
      return [{ kind: "rule" }];
    case "definition":
      return [];
    default:
      // Anything else this parser could produce (raw HTML if it were ever switched on) is shown as text.
      return textParagraph(plainText(node));
  }
}

function inlines(nodes: PhrasingContent[], ctx: Context, depth: number): Inline[] {
  const out: Inline[] = [];
  const push = (inline: Inline) => {
    const last = out[out.length - 1];
    if (inline.kind === "text" && last?.kind === "text") last.text += inline.text;
    else if (inline.kind !== "text" || inline.text) out.push(inline);
  };
  for (const node of nodes) for (const inline of phrase(node, ctx, depth)) push(inline);
  return out;
}

function phrase(node: PhrasingContent, ctx: Context, depth: number): Inline[] {
  if (depth >= MAX_DEPTH) return [{ kind: "text", text: plainText(node) }];
  switch (node.type) {
    case "text":
      return [{ kind: "text", text: node.value }];
    case "inlineCode":
      return [{ kind: "code", text: node.value }];
    case "emphasis":
    case "strong":
      return [{ kind: node.type, children: inlines(node.children, ctx, depth + 1) }];
    case "break":
      return [{ kind: "break" }];
    case "link":
    case "linkReference": {
      const children = inlines(node.children, ctx, depth + 1);
      const href = safeHref(node.type === "link" ? node.url : (ctx.links.get(node.identifier) ?? ""));
      return href ? [{ kind: "link", href, children }] : children;
    }
    case "image":
    case "imageReference":
      return [{ kind: "text", text: node.alt ?? "" }];
    default:
      return [{ kind: "text", text: plainText(node) }];
  }
}

function paragraph(children: Inline[]): Block[] {
  return children.length ? [{ kind: "paragraph", children }] : [];
}

function textParagraph(text: string): Block[] {
  return paragraph(text ? [{ kind: "text", text }] : []);
}

/** Link reference definitions (`[id]: https://…`), wherever they stand, by normalised label. */
function definitions(root: Root): Map<string, string> {
  const found = new Map<string, string>();
  walk(root, (n) => {
    if (n.type === "definition" && !found.has(n.identifier)) found.set(n.identifier, n.url);
  });
  return found;
}

function headingDepths(root: Root): number[] {
  const depths: number[] = [];
  walk(root, (n) => {
    if (n.type === "heading") depths.push(n.depth);
  });
  return depths;
}

function walk(node: Nodes, visit: (n: Nodes) => void): void {
  visit(node);
  if ("children" in node) for (const child of node.children) walk(child, visit);
}
