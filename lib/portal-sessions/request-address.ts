import { env } from "@/lib/env";
import { clientAddress, parseTrustedProxies } from "@/lib/http/client-address";

/** The caller's address for per-address limits: the socket's, or X-Forwarded-For only via a trusted proxy. */
export function requestAddress(req: Request): string {
  return clientAddress(req.headers, parseTrustedProxies(env().KEYPORT_TRUSTED_PROXIES));
}
