import { isIP } from "node:net";

/**
 * The header through which Keyport's own server (bin/server.mjs, and the test server) passes the
 * socket's remote address to route handlers. The server deletes any client-sent copy first, so
 * it cannot be forged; X-Forwarded-For, which Next.js passes through as the client sent it, is
 * believed only when the socket address is a configured trusted proxy.
 */
export const SOCKET_ADDRESS_HEADER = "x-keyport-socket-address";

function normalise(address: string): string {
  const a = address.trim();
  return a.startsWith("::ffff:") && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
}

export function parseTrustedProxies(list: string): Set<string> {
  return new Set(list.split(",").map((s) => s.trim()).filter(Boolean).map(normalise));
}

/**
 * The client's address: the socket's, or — when the socket is a trusted proxy — the right-most
 * X-Forwarded-For entry that is not itself a trusted proxy (entries to its left are client-supplied).
 */
export function clientAddress(headers: Headers, trusted: Set<string>): string {
  const socket = normalise(headers.get(SOCKET_ADDRESS_HEADER) ?? "unknown");
  if (!trusted.has(socket)) return socket;
  const hops = (headers.get("x-forwarded-for") ?? "").split(",").map(normalise).filter((h) => isIP(h) !== 0);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i];
    if (hop && !trusted.has(hop)) return hop;
  }
  return socket;
}
