/**
 * The tiny markdown dialect of a portal's docs note (docsMarkdown): paragraphs, `inline code`,
 * fenced code blocks and [links](https://…). It parses to plain data that a server component
 * renders with React, so every character is escaped by construction — there is no HTML path at
 * all. Links survive only with an http(s) URL; any other link (javascript:, data:, relative)
 * stays as its visible text.
 */
export type Inline = { kind: "text"; text: string } | { kind: "code"; text: string } | { kind: "link"; text: string; href: string };
export type Block = { kind: "paragraph"; children: Inline[] } | { kind: "code"; lang?: string; text: string };

const MAX_SOURCE = 20_000;

export function parseMarkdown(source: string): Block[] {
  const lines = source.slice(0, MAX_SOURCE).replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let paragraph: string[] = [];

  const flush = () => {
    const text = paragraph.join(" ").replace(/\s+/g, " ").trim();
    if (text) blocks.push({ kind: "paragraph", children: parseInline(text) });
    paragraph = [];
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const fence = /^\s*(```+|~~~+)\s*([\w+-]*)\s*$/.exec(line);
    if (fence) {
      flush();
      const marker = fence[1] ?? "```";
      const body: string[] = [];
      i++;
      while (i < lines.length && !(lines[i] ?? "").trim().startsWith(marker)) body.push(lines[i++] ?? "");
      blocks.push({ kind: "code", lang: fence[2] || undefined, text: body.join("\n") });
      continue;
    }
    if (line.trim() === "") flush();
    else paragraph.push(line);
  }
  flush();
  return blocks;
}

export function safeHref(href: string): string | undefined {
  try {
    const url = new URL(href);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  const pushText = (t: string) => {
    if (!t) return;
    const last = out[out.length - 1];
    if (last?.kind === "text") last.text += t;
    else out.push({ kind: "text", text: t });
  };
  // `code` first (its content is literal), then [text](url).
  const pattern = /`([^`]+)`|\[([^\]]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)/g;
  let at = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    pushText(text.slice(at, m.index));
    if (m[1] !== undefined) out.push({ kind: "code", text: m[1] });
    else {
      const label = m[2] ?? "";
      const href = safeHref(m[3] ?? "");
      if (href) out.push({ kind: "link", text: label, href });
      else pushText(label);
    }
    at = m.index + m[0].length;
  }
  pushText(text.slice(at));
  return out;
}
