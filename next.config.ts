import type { NextConfig } from "next";
import { securityHeaders } from "./lib/http/security-headers";

// PGlite ships ~15 MB of wasm; bundling it would copy it into static output.
const nextConfig: NextConfig = {
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "pino"],
  poweredByHeader: false,
  reactStrictMode: true,
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders({ dev: process.env.NODE_ENV !== "production" }) },
      // Portal pages show per-user data and, briefly, secrets: never cached, never leaked in a Referer.
      {
        source: "/portal/:path*",
        headers: [
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "Cache-Control", value: "no-store, max-age=0" },
        ],
      },
      // The console shows every workspace's data and, once, new root keys (docs/console.md). Its forms post
      // back to this origin, so the Referer may go there (same-origin), and nowhere else.
      {
        source: "/console/:path*",
        headers: [
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Cache-Control", value: "no-store, max-age=0" },
        ],
      },
      {
        source: "/console",
        headers: [
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Cache-Control", value: "no-store, max-age=0" },
        ],
      },
    ];
  },
};

export default nextConfig;
