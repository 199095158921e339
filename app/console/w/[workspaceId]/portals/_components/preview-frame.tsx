"use client";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";

const SRC_DOC = '<!doctype html><html lang="en" data-embedded><head><meta name="viewport" content="width=device-width, initial-scale=1"></head><body></body></html>';
const STYLES = 'link[rel="stylesheet"], style';

/** Which stylesheets the console's document has now: a copy is redone only when they change. */
function styleSignature(): string {
  return [...document.head.querySelectorAll(STYLES)].map((n) => (n instanceof HTMLLinkElement ? n.href : `style:${n.textContent?.length ?? 0}`)).join("|");
}

/** The console's stylesheets (which include the portal's: portal-preview.tsx imports them) copied into the frame. */
function copyStyles(into: Document): void {
  for (const old of into.head.querySelectorAll("[data-copied-style]")) old.remove();
  for (const node of document.head.querySelectorAll(STYLES)) {
    const copy = node.cloneNode(true) as HTMLElement;
    copy.dataset.copiedStyle = "";
    into.head.appendChild(copy);
  }
}

/**
 * A same-origin frame (srcdoc: no request, so no framing header applies) that React renders
 * `children` into. The portal inside gets a document of its own: its media queries see the frame's
 * width (the phone layout in a narrow column) and its theme rule (theme.css, on :root) flips the
 * frame's root, never the console's. `html[data-embedded]` makes the portal as tall as its content
 * (embed.css), and the frame grows to fit it. The body is inert: a picture of the portal, not a
 * second way to use it.
 */
export function PreviewFrame({ title, children }: { title: string; children: ReactNode }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [body, setBody] = useState<HTMLElement>();
  const [height, setHeight] = useState(560);

  useEffect(() => {
    const iframe = frame.current;
    if (!iframe) return;
    let cleanup = () => {};
    const setup = () => {
      const doc = iframe.contentDocument;
      const win = iframe.contentWindow as (Window & typeof globalThis) | null;
      if (!doc || !win || doc.URL !== "about:srcdoc" || !doc.body) return false;
      let copied = styleSignature();
      copyStyles(doc);
      doc.body.inert = true;
      // Next.js adds a page's stylesheets to the head as it navigates (and swaps them in development).
      const styles = new MutationObserver(() => {
        const now = styleSignature();
        if (now !== copied) copyStyles(doc);
        copied = now;
      });
      styles.observe(document.head, { childList: true });
      // The frame's own ResizeObserver: it runs in the frame's rendering steps.
      const size = new win.ResizeObserver(() => setHeight(Math.ceil(doc.documentElement.getBoundingClientRect().height)));
      size.observe(doc.documentElement);
      cleanup = () => {
        styles.disconnect();
        size.disconnect();
      };
      setBody(doc.body);
      return true;
    };
    const onLoad = () => {
      cleanup();
      setup();
    };
    // The frame may have loaded before hydration (then no load event comes).
    if (iframe.contentDocument?.readyState === "complete") setup();
    iframe.addEventListener("load", onLoad);
    return () => {
      iframe.removeEventListener("load", onLoad);
      cleanup();
    };
  }, []);

  return (
    <>
      <iframe ref={frame} title={title} srcDoc={SRC_DOC} className="cp-preview-frame" style={{ height }} tabIndex={-1} />
      {body ? createPortal(children, body) : null}
    </>
  );
}
