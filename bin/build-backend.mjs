#!/usr/bin/env node
// @ts-check
// Compiles the backend plane (lib/backend-plane/bundle-entry.ts and everything it imports from app/,
// lib/ and db/) into one ES module that bin/server.mjs loads beside Next.js. Packages stay in
// node_modules (resolved at run time, like Next's serverExternalPackages); `@/` paths come from
// tsconfig.json; `server-only` is empty here, as it is in Next's server bundles.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const BACKEND_BUNDLE = path.join(root, ".next/backend-plane/index.mjs");

/** @type {esbuild.Plugin} */
const serverOnlyIsEmpty = {
  name: "server-only-is-empty",
  setup(build) {
    build.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
    build.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "", loader: "js" }));
  },
};

/**
 * The one set of build options: `npm run build`, `npm run dev` and lib/testing/backend-bundle.ts (which
 * lists the bundle's inputs in a test) all build with these.
 * @param {{ dev: boolean, outfile: string, plugins?: esbuild.Plugin[] }} settings
 * @returns {esbuild.BuildOptions}
 */
export function backendBuildOptions({ dev, outfile, plugins = [] }) {
  return {
    absWorkingDir: root,
    entryPoints: [path.join(root, "lib/backend-plane/bundle-entry.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    tsconfig: path.join(root, "tsconfig.json"),
    sourcemap: dev ? "inline" : true,
    minify: false,
    logLevel: "warning",
    define: { "process.env.NODE_ENV": JSON.stringify(dev ? "development" : "production") },
    plugins: [serverOnlyIsEmpty, ...plugins],
  };
}

/** One production build, for `npm run build`. */
export async function buildBackend() {
  await esbuild.build(backendBuildOptions({ dev: false, outfile: BACKEND_BUNDLE }));
  return BACKEND_BUNDLE;
}

/**
 * `npm run dev`: builds into a dev file and rebuilds on every change; `onBuilt(file)` runs after each
 * successful build so the server can load the new module.
 * @param {(file: string) => Promise<void>} onBuilt
 */
export async function watchBackend(onBuilt) {
  const outfile = path.join(root, ".next/backend-plane/dev.mjs");
  const ctx = await esbuild.context(
    backendBuildOptions({
      dev: true,
      outfile,
      plugins: [{ name: "on-built", setup: (b) => b.onEnd((r) => (r.errors.length ? undefined : onBuilt(outfile))) }],
    }),
  );
  await ctx.watch();
  return ctx;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const file = await buildBackend();
  if (!existsSync(file)) throw new Error(`the backend plane was not written to ${file}`);
  console.log(`backend plane built in ${Date.now() - started} ms: ${path.relative(root, file)}`);
}
