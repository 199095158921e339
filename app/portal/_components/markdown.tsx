import { Fragment, type ReactNode } from "react";
import { type Block, type Inline, parseMarkdown } from "@/lib/ui/markdown";
import { CodeBlock } from "./code-block";

/**
 * Renders the portal's docs note from parsed data (lib/ui/markdown.ts): React escapes every string;
 * there is no HTML path. Links open in a new tab, without a referrer and without passing ranking.
 */
export function Markdown({ source }: { source: string }) {
  return <div className="prose">{blocks(parseMarkdown(source))}</div>;
}

function blocks(list: Block[], tight = false): ReactNode[] {
  return list.map((b, i) => <Fragment key={i}>{block(b, tight)}</Fragment>);
}

function block(b: Block, tight: boolean): ReactNode {
  switch (b.kind) {
    case "paragraph":
      // A tight list's items hold bare text, as CommonMark renders them.
      return tight ? inlines(b.children) : <p>{inlines(b.children)}</p>;
    case "heading": {
      const H = `h${b.level}` as const;
      return <H>{inlines(b.children)}</H>;
    }
    case "code":
      return <CodeBlock code={b.text} lang={b.lang} label={b.lang ? `${b.lang} code` : "code"} />;
    case "list": {
      const items = b.items.map((item, i) => <li key={i}>{blocks(item, b.tight)}</li>);
      return b.ordered ? <ol start={b.start}>{items}</ol> : <ul>{items}</ul>;
    }
    case "quote":
      return <blockquote>{blocks(b.children)}</blockquote>;
    case "rule":
      return <hr />;
  }
}

function inlines(list: Inline[]): ReactNode[] {
  return list.map((n, i) => <Fragment key={i}>{inline(n)}</Fragment>);
}

function inline(n: Inline): ReactNode {
  switch (n.kind) {
    case "text":
      return n.text;
    case "code":
      return <code>{n.text}</code>;
    case "emphasis":
      return <em>{inlines(n.children)}</em>;
    case "strong":
      return <strong>{inlines(n.children)}</strong>;
    case "break":
      return <br />;
    case "link":
      return (
        <a href={n.href} rel="noopener noreferrer nofollow" target="_blank">
          {inlines(n.children)}
          <span className="visually-hidden"> (opens in a new tab)</span>
        </a>
      );
  }
}
