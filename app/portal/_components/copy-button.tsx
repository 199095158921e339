"use client";
import { useEffect, useState } from "react";
import { useI18n } from "./i18n";
import { useHydrated } from "./use-hydrated";

/**
 * Copies `text` to the clipboard and says so, to the eye ("Copied", in the session's language) and to screen readers (a live
 * region). Where the clipboard is refused, it selects the code for a manual copy instead. Without
 * JavaScript it is not drawn at all: the code stays selectable.
 */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const hydrated = useHydrated();
  const { m } = useI18n();
  const [said, setSaid] = useState<"" | "copied" | "selected">("");

  useEffect(() => {
    if (!said) return;
    const t = setTimeout(() => setSaid(""), 2500);
    return () => clearTimeout(t);
  }, [said]);

  if (!hydrated) return null;

  const copy = async (button: HTMLButtonElement) => {
    try {
      await navigator.clipboard.writeText(text);
      setSaid("copied");
    } catch {
      const code = button.closest(".code-block")?.querySelector("pre");
      if (code) window.getSelection()?.selectAllChildren(code);
      setSaid("selected");
    }
  };

  return (
    <>
      <button type="button" className="btn btn-sm code-copy" onClick={(e) => void copy(e.currentTarget)}>
        {said === "copied" ? m.copied : m.copy}
        <span className="visually-hidden"> {label}</span>
      </button>
      <span role="status" className="visually-hidden">
        {said === "copied" ? m.copied : said === "selected" ? m.selectedToCopy : ""}
      </span>
    </>
  );
}
