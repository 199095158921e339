import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importChain, importGraph } from "@/lib/testing/import-graph";

/**
 * Only the active language's messages reach the browser (docs/sessions.md "Languages"): the
 * signed-in layout passes them to the I18nProvider as props, and no client component imports a
 * catalogue, so no browser bundle holds one. (e2e/portal-locale.spec.ts checks what a page loads.)
 */
const root = path.resolve(import.meta.dirname, "../..");

function clientComponents(): string[] {
  return readdirSync(path.join(root, "app"), { recursive: true, encoding: "utf8" })
    .map((f) => `app/${f.split(path.sep).join("/")}`)
    .filter((f) => /\.(ts|tsx)$/.test(f) && /^\s*["']use client["']/.test(readFileSync(path.join(root, f), "utf8")))
    .sort();
}

describe("the browser's share of the catalogue", () => {
  it("no client component reaches a message catalogue", () => {
    const entries = clientComponents();
    expect(entries).toContain("app/portal/_components/key-actions.tsx");
    expect(entries).toContain("app/portal/[portalId]/(signed-in)/error.tsx");
    const graph = importGraph(root, entries, { valuesOnly: true });
    // The walk does reach the helpers the dialogs use, so an empty answer below means something.
    expect(graph.files.has("lib/i18n/translate.ts")).toBe(true);
    expect(graph.files.has("lib/i18n/api-error-message.ts")).toBe(true);
    const catalogues = [...graph.files.keys()].filter((f) => f.startsWith("lib/i18n/messages/") || f === "lib/i18n/catalogue.ts");
    expect(catalogues.map((f) => importChain(graph, f))).toEqual([]);
  });
});
