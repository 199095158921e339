import type { AuthScheme } from "@/lib/api/route";

type JsonObject = Record<string, unknown>;

/** components.securitySchemes of /openapi.json. */
export const SECURITY_SCHEMES = {
  rootKey: { type: "http", scheme: "bearer", description: "A workspace root key (`unkey_…`)." },
  portalBearer: { type: "http", scheme: "bearer", description: "A portal access token (`pat_…`) from portal.exchangeCode." },
  portalCookie: { type: "apiKey", in: "cookie", name: "portal_session", description: "The portal's browser session cookie." },
  operatorToken: { type: "http", scheme: "bearer", description: "The server's operator token." },
} as const;

/**
 * An operation's `security`, from the scheme its authenticator declares: alternatives, any one of
 * which suffices; none for public endpoints. A portal session is a Bearer token or the cookie.
 */
export function securityOf(scheme: AuthScheme): JsonObject[] {
  switch (scheme) {
    case "none":
      return [];
    case "rootKey":
      return [{ rootKey: [] }];
    case "portalSession":
      return [{ portalBearer: [] }, { portalCookie: [] }];
    case "operatorToken":
      return [{ operatorToken: [] }];
  }
}
