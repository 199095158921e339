import { parseMarkdown } from "@/lib/ui/markdown";

/** Renders the portal's docs note from parsed data: React escapes every string; there is no HTML path. */
export function Markdown({ source }: { source: string }) {
  return (
    <div className="prose">
      {parseMarkdown(source).map((block, i) =>
        block.kind === "code" ? (
          <pre key={i} tabIndex={0}>
            <code>{block.text}</code>
          </pre>
        ) : (
          <p key={i}>
            {block.children.map((inline, j) =>
              inline.kind === "code" ? (
                <code key={j}>{inline.text}</code>
              ) : inline.kind === "link" ? (
                <a key={j} href={inline.href} rel="noreferrer noopener nofollow" target="_blank">
                  {inline.text}
                </a>
              ) : (
                inline.text
              ),
            )}
          </p>
        ),
      )}
    </div>
  );
}
