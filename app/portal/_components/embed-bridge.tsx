"use client";
import { useEffect } from "react";
import { type EmbedEvent, embedMessage, isHostHello, originAllowed, parentOrigin } from "@/lib/ui/embed-events";

/**
 * The framed portal's side of docs/embedding.md "Events": when this document runs inside a frame of
 * one of the portal's embed origins, it posts `ready`, then `resize {height}` whenever its content
 * changes height (open dialogs included, so the host can grow the frame to fit them), and whatever
 * postToParent is given — always to that exact origin, never "*". The parent's origin comes from
 * `location.ancestorOrigins`, else the referrer, else the embed script's hello (Firefox, after the
 * first page). The frame never navigates the top window.
 */

/** The embedding page's origin once known; one per document (it outlives client-side navigations). */
let target: string | undefined;
let readySent = false;
const pending: EmbedEvent[] = [];

/**
 * Posts an event to the page that frames the portal, if an allowed one does (a no-op at the top
 * level). Before the parent's origin is known, up to 20 events wait for it. Never put a secret in an event.
 */
export function postToParent(event: EmbedEvent): void {
  if (typeof window === "undefined" || window.parent === window) return;
  if (target) window.parent.postMessage(embedMessage(event), target);
  else if (pending.length < 20) pending.push(event);
}

/** The height the frame needs: the document's, or an open dialog's full content if that is taller. */
function contentHeight(): number {
  let height = document.documentElement.getBoundingClientRect().height;
  for (const dialog of document.querySelectorAll("dialog[open]")) height = Math.max(height, dialog.scrollHeight + 48);
  return Math.ceil(height);
}

export function EmbedBridge({ origins: list, ended }: { origins: string[]; ended?: string }) {
  // One string, so a re-render with an equal list does not restart the bridge.
  const key = list.join(" ");
  useEffect(() => {
    const origins = key ? key.split(" ") : [];
    if (window.parent === window || origins.length === 0) return;
    document.documentElement.dataset.embedded = "";
    let lastHeight = -1;
    let frame = 0;
    const resize = new ResizeObserver(() => measure());
    const dialogs = new MutationObserver(() => {
      for (const dialog of document.querySelectorAll("dialog[open]")) resize.observe(dialog);
      measure();
    });

    function measure() {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const height = contentHeight();
        if (height !== lastHeight && target) postToParent({ type: "resize", height: (lastHeight = height) });
      });
    }

    function start(origin: string) {
      target ??= origin;
      if (!readySent) postToParent({ type: "ready" });
      readySent = true;
      for (const event of pending.splice(0)) postToParent(event);
      resize.observe(document.documentElement);
      dialogs.observe(document.body, { subtree: true, attributes: true, attributeFilter: ["open"] });
      measure();
    }

    function onHello(e: MessageEvent) {
      if (e.source !== window.parent || !isHostHello(e.data) || !originAllowed(e.origin, origins)) return;
      window.removeEventListener("message", onHello);
      start(e.origin);
    }

    const known = target ?? parentOrigin({ ancestorOrigins: Array.from(window.location.ancestorOrigins ?? []), referrer: document.referrer, allowed: origins });
    if (known) start(known);
    else window.addEventListener("message", onHello);
    if (ended) postToParent({ type: "session.ended", reason: ended });
    return () => {
      window.removeEventListener("message", onHello);
      cancelAnimationFrame(frame);
      resize.disconnect();
      dialogs.disconnect();
    };
  }, [key, ended]);
  return null;
}
