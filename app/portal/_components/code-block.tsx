import { CopyButton } from "./copy-button";
import "./code-block.css";

/**
 * A code block with a bar that names its language and holds a copy button. The block scrolls
 * sideways on its own (never the page), and takes focus so the keyboard can scroll it too.
 */
export function CodeBlock({ code, lang, label }: { code: string; lang?: string; label: string }) {
  return (
    <div className="code-block">
      <div className="code-bar">
        <span className="code-lang">{lang}</span>
        <CopyButton text={code} label={label} />
      </div>
      <pre tabIndex={0}>
        <code>{code}</code>
      </pre>
    </div>
  );
}
