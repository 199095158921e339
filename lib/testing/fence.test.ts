import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildBackendInMemory } from "@/lib/testing/backend-bundle";
import { importChain, importGraph } from "@/lib/testing/import-graph";

/**
 * Test code stays out of what ships. The ESLint fence (eslint.config.mjs, no-restricted-imports)
 * stops a direct import; this proves the result on what is actually built and served: the backend
 * plane bundle and everything Next.js compiles from app/.
 */
const root = path.resolve(import.meta.dirname, "../..");

const isTestFile = (file: string) => file.startsWith("lib/testing/") || /\.(test|spec)\.tsx?$/.test(file);
const isTestPackage = (specifier: string) => /^(vitest|@vitest\/|@playwright\/test)(\/|$)/.test(specifier);

/** Every file Next.js treats as an entry: route handlers, pages and layouts under app/. */
function nextEntries(): string[] {
  return readdirSync(path.join(root, "app"), { recursive: true, encoding: "utf8" })
    .map((f) => `app/${f.split(path.sep).join("/")}`)
    .filter((f) => /\/(route\.ts|page\.tsx|layout\.tsx)$/.test(f))
    .sort();
}

describe("test code is fenced out of production", () => {
  it("the backend plane bundle has no input from lib/testing/, no test file and no vitest", async () => {
    const bundle = await buildBackendInMemory(root);
    // The build really is the plane: its entry and the route wrapper are in it.
    expect(bundle.inputs).toContain("lib/backend-plane/bundle-entry.ts");
    expect(bundle.inputs).toContain("lib/api/route.ts");

    expect(bundle.inputs.filter(isTestFile)).toEqual([]);
    expect(bundle.inputs.filter((i) => i.includes("vitest"))).toEqual([]);
    expect(bundle.externals.filter(isTestPackage)).toEqual([]);
  });

  it("no route, page or layout under app/ reaches lib/testing/, a test file or vitest", () => {
    const entries = nextEntries();
    expect(entries).toContain("app/v2/liveness/route.ts");
    expect(entries).toContain("app/layout.tsx");
    const graph = importGraph(root, entries);
    expect(graph.files.has("lib/api/route.ts")).toBe(true);

    const testFiles = [...graph.files.keys()].filter(isTestFile).map((f) => importChain(graph, f));
    expect(testFiles).toEqual([]);
    const testPackages = [...graph.packages]
      .filter(([specifier]) => isTestPackage(specifier))
      .map(([specifier, importer]) => `${importChain(graph, importer)} → ${specifier}`);
    expect(testPackages).toEqual([]);
  });
});
