/**
 * The security headers of every response, on both planes: next.config.ts applies them to Next.js's
 * answers, the backend plane's listener to its own. One list, so the planes cannot drift apart.
 *
 * Content-Security-Policy: Next.js hydrates with inline <script> tags, so scripts need 'unsafe-inline'
 * (a nonce would need per-request rendering through a proxy). Everything else is locked to this
 * origin; logos may come from any https host (sanitised at render), and nobody may frame a page
 * (clickjacking of "Revoke" / "Roll" buttons).
 */
export function securityHeaders({ dev = false }: { dev?: boolean } = {}): { key: string; value: string }[] {
  return [
    { key: "Content-Security-Policy", value: contentSecurityPolicy({ dev }) },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  ];
}

/**
 * The policy itself. `frameAncestors` is `'none'` everywhere except the pages of a portal with embed
 * origins (lib/http/portal-framing.ts, docs/embedding.md).
 */
export function contentSecurityPolicy({ dev = false, frameAncestors = "'none'" }: { dev?: boolean; frameAncestors?: string } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https: http://localhost:* http://127.0.0.1:*",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join("; ");
}

/** The production list as one object, for the backend plane's writeHead. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.fromEntries(securityHeaders().map(({ key, value }) => [key, value]));
