import { EMBED_SCRIPT } from "@/lib/ui/embed-script";

/**
 * The embed script as a response: JavaScript, cacheable by browsers and CDNs for an hour (a fix to v1
 * reaches every host within that), and loadable by a host page that isolates itself with COEP.
 */
export function embedScriptResponse(): Response {
  return new Response(EMBED_SCRIPT, {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": "public, max-age=3600",
      "Cross-Origin-Resource-Policy": "cross-origin",
    },
  });
}
