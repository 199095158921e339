import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { getRequestListener } from "@hono/node-server";
import { createBackendApp } from "@/lib/backend-plane/app";
import { SOCKET_ADDRESS_HEADER } from "@/lib/http/client-address";

export type NodeListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The backend plane as a node:http listener: bin/server.mjs (and the test server) call it for every
 * path planeOf() gives the backend. It puts the socket's address in SOCKET_ADDRESS_HEADER with any
 * client-sent copy removed (the security headers are the app's, lib/backend-plane/app.ts).
 */
export function createBackendListener(): NodeListener {
  // overrideGlobalObjects: false — Next.js shares this process and must keep the real Request/Response.
  const listener = getRequestListener(createBackendApp().fetch, { overrideGlobalObjects: false });
  return (req, res) => {
    pinSocketAddress(req);
    void listener(req, res);
  };
}

/**
 * Replaces any client-sent SOCKET_ADDRESS_HEADER with the socket's address in both places the
 * adapter reads headers from: Node has usually built `req.headers` already (its HTTP server reads
 * `expect` before any listener runs), and the adapter answers `get()` from that object before it
 * looks at rawHeaders — replacing rawHeaders alone let a forged header through (found by
 * e2e/server-edge.spec.ts against the production server).
 */
export function pinSocketAddress(req: IncomingMessage): void {
  const address = req.socket.remoteAddress ?? "unknown";
  req.rawHeaders = withSocketAddress(req);
  req.headers[SOCKET_ADDRESS_HEADER] = address;
}

/** rawHeaders (what the adapter reads) without a client-sent address header, plus the socket's own. */
export function withSocketAddress(req: IncomingMessage): string[] {
  const raw = req.rawHeaders;
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i]?.toLowerCase() !== SOCKET_ADDRESS_HEADER) out.push(raw[i] as string, raw[i + 1] as string);
  }
  out.push(SOCKET_ADDRESS_HEADER, req.socket.remoteAddress ?? "unknown");
  return out;
}
