import path from "node:path";
import * as esbuild from "esbuild";
import { backendBuildOptions } from "@/bin/build-backend.mjs";

/**
 * What the backend plane bundle is made of: the esbuild build of bin/build-backend.mjs (its own
 * options) run in memory with a metafile, so a test can list its inputs and the packages it leaves
 * external without writing over .next/backend-plane/index.mjs.
 */
export type BackendBundle = {
  /** Repo-relative source files compiled into the bundle. */
  inputs: string[];
  /** Package specifiers the bundle imports at run time (`packages: "external"`). */
  externals: string[];
};

export async function buildBackendInMemory(root: string): Promise<BackendBundle> {
  const options = backendBuildOptions({ dev: false, outfile: path.join(root, ".next/backend-plane/index.mjs") });
  const result = await esbuild.build({ ...options, write: false, metafile: true, sourcemap: false, logLevel: "silent" });
  const externals = Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
  return { inputs: Object.keys(result.metafile.inputs), externals: [...new Set(externals)] };
}
