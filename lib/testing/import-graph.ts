import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/**
 * The static import graph of the repository's own source, as the bundlers see it: `@/` is the repo
 * root (tsconfig.json "paths"), relative specifiers resolve against the importing file, and an
 * extensionless specifier tries .ts, .tsx, then an index file. Packages are leaves, named by their
 * specifier. Used by fence.test.ts to prove no production entry reaches test code.
 */
export type ImportGraph = {
  /** Repo-relative paths of every source file reached, each with the file that first imported it. */
  files: Map<string, string | undefined>;
  /** Package specifiers imported anywhere in the graph, each with the first file importing it. */
  packages: Map<string, string>;
};

const SOURCE = /\.(ts|tsx|mts|js|mjs|jsx)$/;
const TRY = ["", ".ts", ".tsx", "/index.ts", "/index.tsx"];

function resolveLocal(root: string, from: string, specifier: string): string | undefined {
  const base = specifier.startsWith("@/") ? path.join(root, specifier.slice(2)) : path.resolve(path.dirname(path.join(root, from)), specifier);
  for (const suffix of TRY) {
    const file = base + suffix;
    if (existsSync(file) && statSync(file).isFile()) return path.relative(root, file).split(path.sep).join("/");
  }
  return undefined;
}

/**
 * The specifiers a file imports for their values: what a bundler keeps. `import type`, `export type`
 * and imports whose every name is `type` are erased by the compiler, so they are left out.
 */
function valueSpecifiers(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      const typeOnly = clause?.isTypeOnly || (clause && !clause.name && named && named.length > 0 && named.every((e) => e.isTypeOnly));
      if (!typeOnly) out.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!node.isTypeOnly) out.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      out.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/**
 * Walks from `entries` (repo-relative); throws on a local import it cannot resolve, so none is skipped
 * silently. `valuesOnly` follows only what survives compilation (valueSpecifiers): the graph a browser bundle holds.
 */
export function importGraph(root: string, entries: string[], { valuesOnly = false }: { valuesOnly?: boolean } = {}): ImportGraph {
  const files = new Map<string, string | undefined>(entries.map((e) => [e, undefined]));
  const packages = new Map<string, string>();
  const queue = [...entries];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (!SOURCE.test(file)) continue; // CSS, JSON: nothing to follow
    // preProcessFile lists static imports, re-exports, `import "x"` and literal dynamic import()s. No
    // require() scan: this is ESM, and it would take `auth.require("api.*.read_key")` for an import.
    const text = readFileSync(path.join(root, file), "utf8");
    const specifiers = valuesOnly ? valueSpecifiers(file, text) : ts.preProcessFile(text, true, false).importedFiles.map((f) => f.fileName);
    for (const specifier of specifiers) {
      const local = specifier.startsWith("@/") || specifier.startsWith(".");
      if (!local) {
        if (!packages.has(specifier)) packages.set(specifier, file);
        continue;
      }
      const target = resolveLocal(root, file, specifier);
      if (target === undefined) throw new Error(`${file}: cannot resolve "${specifier}"`);
      if (files.has(target)) continue;
      files.set(target, file);
      queue.push(target);
    }
  }
  return { files, packages };
}

/** The chain of imports from an entry to `file`, for a failure message that says where to cut. */
export function importChain(graph: ImportGraph, file: string): string {
  const chain = [file];
  for (let parent = graph.files.get(file); parent !== undefined; parent = graph.files.get(parent)) chain.unshift(parent);
  return chain.join(" → ");
}
