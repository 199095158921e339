import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The design lives in the repository: a comment or page may cite docs/*.md, README.md and files of
 * the tree, never a document a clone does not have (the founding spec, style guide or stack notes
 * the project started from), and every cited repo file exists.
 */
const ROOT = process.cwd();
const SOURCE_DIRS = ["app", "lib", "db", "bin", "e2e", "docs"];
const SOURCE = /\.(ts|tsx|mjs|css|md)$/;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "node_modules" || name.startsWith(".") || name === "artifacts") return [];
    return statSync(full).isDirectory() ? walk(full) : SOURCE.test(name) ? [full] : [];
  });
}

const files = [...SOURCE_DIRS.flatMap((d) => walk(path.join(ROOT, d))), path.join(ROOT, "README.md"), path.join(ROOT, "vitest.config.ts")];
const self = path.join(ROOT, "lib/docs-citations.test.ts");

describe("citations point into the repository", () => {
  it("no file cites SPEC §, STYLE § or STACK.md", () => {
    const offenders = files
      .filter((f) => f !== self)
      .flatMap((f) => readFileSync(f, "utf8").split("\n").map((line, i) => [f, i + 1, line] as const))
      .filter(([, , line]) => /\bSPEC\b|\bSTYLE §|\bSTACK\.md\b/.test(line))
      .map(([f, n, line]) => `${path.relative(ROOT, f)}:${n}: ${line.trim()}`);
    expect(offenders).toEqual([]);
  });

  it("every docs/*.md a file names exists", () => {
    const missing = files.flatMap((f) =>
      [...readFileSync(f, "utf8").matchAll(/\bdocs\/([A-Za-z0-9_-]+\.md)\b/g)]
        .map((m) => `docs/${m[1]}`)
        .filter((cited) => !existsSync(path.join(ROOT, cited)))
        .map((cited) => `${path.relative(ROOT, f)} cites ${cited}`),
    );
    expect(missing).toEqual([]);
  });

  it("every relative link between docs pages resolves", () => {
    const docs = files.filter((f) => f.endsWith(".md"));
    const broken = docs.flatMap((f) =>
      [...readFileSync(f, "utf8").matchAll(/\]\((?!https?:|#|mailto:)([^)#\s]+)(#[^)]*)?\)/g)]
        .map((m) => m[1] ?? "")
        .filter((target) => !existsSync(path.resolve(path.dirname(f), target)))
        .map((target) => `${path.relative(ROOT, f)} → ${target}`),
    );
    expect(broken).toEqual([]);
  });
});
