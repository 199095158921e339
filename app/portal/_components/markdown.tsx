import { Fragment, type ReactNode } from "react";
import { type Block, type Inline, parseMarkdown } from "@/lib/ui/markdown";
import type { Messages } from "@/lib/i18n/messages/en";
import { fill } from "@/lib/i18n/translate";
import { CodeBlock } from "./code-block";

type Words = Messages["docs"];

/**
 * Renders the portal's docs note from parsed data (lib/ui/markdown.ts): React escapes every string;
 * there is no HTML path. Links open in a new tab, without a referrer and without passing ranking. The
 * note is the operator's text, shown as written; only the words around it (`words`) follow the session's language.
 */
export function Markdown({ source, words }: { source: string; words: Words }) {
  return <div className="prose">{blocks(parseMarkdown(source), words)}</div>;
}

function blocks(list: Block[], words: Words, tight = false): ReactNode[] {
  return list.map((b, i) => <Fragment key={i}>{block(b, words, tight)}</Fragment>);
}

function block(b: Block, words: Words, tight: boolean): ReactNode {
  switch (b.kind) {
    case "paragraph":
      // A tight list's items hold bare text, as CommonMark renders them.
      return tight ? inlines(b.children, words) : <p>{inlines(b.children, words)}</p>;
    case "heading": {
      const H = `h${b.level}` as const;
      return <H>{inlines(b.children, words)}</H>;
    }
    case "code":
      return <CodeBlock code={b.text} lang={b.lang} label={b.lang ? fill(words.codeIn, { lang: b.lang }) : words.code} />;
    case "list": {
      const items = b.items.map((item, i) => <li key={i}>{blocks(item, words, b.tight)}</li>);
      return b.ordered ? <ol start={b.start}>{items}</ol> : <ul>{items}</ul>;
    }
    case "quote":
      return <blockquote>{blocks(b.children, words)}</blockquote>;
    case "rule":
      return <hr />;
  }
}

function inlines(list: Inline[], words: Words): ReactNode[] {
  return list.map((n, i) => <Fragment key={i}>{inline(n, words)}</Fragment>);
}

function inline(n: Inline, words: Words): ReactNode {
  switch (n.kind) {
    case "text":
      return n.text;
    case "code":
      return <code>{n.text}</code>;
    case "emphasis":
      return <em>{inlines(n.children, words)}</em>;
    case "strong":
      return <strong>{inlines(n.children, words)}</strong>;
    case "break":
      return <br />;
    case "link":
      return (
        <a href={n.href} rel="noopener noreferrer nofollow" target="_blank">
          {inlines(n.children, words)}
          <span className="visually-hidden"> {words.opensInNewTab}</span>
        </a>
      );
  }
}
