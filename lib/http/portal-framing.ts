import "server-only";
import type { OutgoingHttpHeader, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { log } from "@/lib/log";
import { frameAncestors } from "@/lib/portal-configs/embed-origins";
import { embedOriginsOf } from "@/lib/portal-configs/embed-origins-cache";
import { PORTAL_ID } from "@/lib/portal-sessions/portal-id";
import { contentSecurityPolicy } from "@/lib/http/security-headers";

const PORTAL_PATH = /^\/portal\/([^/]+)(?:\/|$)/;
const CSP = "content-security-policy";
const XFO = "x-frame-options";

/** The portal id of a portal page or landing path (`/portal/pc_…`, `/portal/pc_…/keys`), else undefined. */
export function framedPortalId(pathname: string): string | undefined {
  const id = PORTAL_PATH.exec(pathname)?.[1];
  return id && PORTAL_ID.test(id) ? id : undefined;
}

/** A policy with its `frame-ancestors` directive replaced (or added). */
export function withFrameAncestors(policy: string, sources: string): string {
  const directive = `frame-ancestors ${sources}`;
  return /(^|;\s*)frame-ancestors\b[^;]*/i.test(policy) ? policy.replace(/(^|;\s*)frame-ancestors\b[^;]*/i, `$1${directive}`) : `${policy}; ${directive}`;
}

/**
 * The framing headers of a portal's pages and landing, decided per portal at run time
 * (docs/embedding.md "Who may frame the portal"): `frame-ancestors 'self' <embedOrigins>` without
 * X-Frame-Options when the portal has embed origins, else today's `frame-ancestors 'none'` and
 * `X-Frame-Options: DENY`. bin/server.mjs (and the test server) call this before the page is
 * rendered; every other path keeps the fixed headers of security-headers.ts.
 *
 * The headers are set now and `res` is wrapped so that what Next.js sets later (next.config.ts gives
 * every path the fixed policy) is rewritten: its CSP keeps every other directive, and its
 * X-Frame-Options is dropped. A failed lookup (database down) fails closed: nobody may frame.
 */
export async function applyPortalFraming(res: ServerResponse, pathname: string, { dev = false }: { dev?: boolean } = {}): Promise<void> {
  const portalId = framedPortalId(pathname);
  if (!portalId) return;
  let origins: string[] = [];
  try {
    origins = await embedOriginsOf(portalId);
  } catch (err) {
    log().warn({ err: (err as { code?: unknown }).code, portalId }, "embed origins unavailable; the page refuses every frame");
  }
  const sources = frameAncestors(origins);
  const embeddable = origins.length > 0;
  const setHeader = res.setHeader.bind(res);
  const appendHeader = res.appendHeader?.bind(res);
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;

  /** What a header becomes on this response: undefined drops it. */
  const rewrite = (name: string, value: OutgoingHttpHeader): OutgoingHttpHeader | undefined => {
    const lower = name.toLowerCase();
    if (lower === XFO) return embeddable ? undefined : "DENY";
    if (lower === CSP) return Array.isArray(value) ? value.map((v) => withFrameAncestors(String(v), sources)) : withFrameAncestors(String(value), sources);
    return value;
  };

  res.setHeader = (name: string, value: number | string | readonly string[]) => {
    const next = rewrite(name, value as OutgoingHttpHeader);
    return next === undefined ? res : setHeader(name, next);
  };
  if (appendHeader) {
    res.appendHeader = (name: string, value: string | readonly string[]) => {
      const next = rewrite(name, value as OutgoingHttpHeader);
      return next === undefined ? res : appendHeader(name, next as string | readonly string[]);
    };
  }
  res.writeHead = ((statusCode: number, ...rest: unknown[]) => {
    const headers = rest.at(-1);
    if (headers && typeof headers === "object" && !Array.isArray(headers)) {
      const cleaned: OutgoingHttpHeaders = {};
      for (const [k, v] of Object.entries(headers as OutgoingHttpHeaders)) {
        const next = v === undefined ? undefined : rewrite(k, v);
        if (next !== undefined) cleaned[k] = next;
      }
      rest[rest.length - 1] = cleaned;
    }
    if (embeddable) res.removeHeader(XFO);
    return writeHead(statusCode, ...rest);
  }) as ServerResponse["writeHead"];

  setHeader("Content-Security-Policy", contentSecurityPolicy({ dev, frameAncestors: sources }));
  if (embeddable) res.removeHeader(XFO);
  else setHeader("X-Frame-Options", "DENY");
}
