import type { NextConfig } from "next";

const dev = process.env.NODE_ENV !== "production";

/**
 * Content-Security-Policy. Next.js hydrates with inline <script> tags, so scripts need 'unsafe-inline'
 * (a nonce would need a proxy and per-request rendering; see notes). Everything else is locked to this
 * origin; logos may come from any https host (sanitised at render), and nobody may frame a page
 * (clickjacking of "Revoke" / "Roll" buttons).
 */
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https: http://localhost:* http://127.0.0.1:*",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: csp },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];

// PGlite ships ~15 MB of wasm; bundling it would copy it into static output (STACK.md).
const nextConfig: NextConfig = {
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "pino"],
  poweredByHeader: false,
  reactStrictMode: true,
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // Portal pages show per-user data and, briefly, secrets: never cached, never leaked in a Referer.
      {
        source: "/portal/:path*",
        headers: [
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "Cache-Control", value: "no-store, max-age=0" },
        ],
      },
    ];
  },
};

export default nextConfig;
