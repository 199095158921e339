import type { NextConfig } from "next";

// PGlite ships ~15 MB of wasm; bundling it would copy it into static output (STACK.md).
const nextConfig: NextConfig = {
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "pino"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
