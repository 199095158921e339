import path from "node:path";
import * as esbuild from "esbuild";

/**
 * What the backend plane bundle is made of: the esbuild build of bin/build-backend.mjs (same entry,
 * same options, same empty `server-only`) run in memory with a metafile, so a test can list its
 * inputs and the packages it leaves external without writing over .next/backend-plane/index.mjs.
 * Keep the options in step with `options()` in bin/build-backend.mjs.
 */
export type BackendBundle = {
  /** Repo-relative source files compiled into the bundle. */
  inputs: string[];
  /** Package specifiers the bundle imports at run time (`packages: "external"`). */
  externals: string[];
};

const serverOnlyIsEmpty: esbuild.Plugin = {
  name: "server-only-is-empty",
  setup(build) {
    build.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
    build.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "", loader: "js" }));
  },
};

export async function buildBackendInMemory(root: string): Promise<BackendBundle> {
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [path.join(root, "lib/backend-plane/bundle-entry.ts")],
    outfile: path.join(root, ".next/backend-plane/index.mjs"),
    write: false,
    metafile: true,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    tsconfig: path.join(root, "tsconfig.json"),
    minify: false,
    logLevel: "silent",
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    plugins: [serverOnlyIsEmpty],
  });
  const externals = Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
  return { inputs: Object.keys(result.metafile.inputs), externals: [...new Set(externals)] };
}
