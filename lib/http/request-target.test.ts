import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { documentLanguageSource, SIGNED_IN_TABS } from "@/lib/http/request-target";

const root = path.resolve(import.meta.dirname, "../..");

describe("whose language a document is in (<html lang>, docs/sessions.md \"Languages\")", () => {
  it("a signed-in tab speaks its session's language", () => {
    expect(documentLanguageSource("/portal/pc_abc123/keys")).toEqual({ kind: "session", portalId: "pc_abc123" });
    expect(documentLanguageSource("/portal/pc_abc123/analytics?range=7d&key=key_1")).toEqual({ kind: "session", portalId: "pc_abc123" });
    expect(documentLanguageSource("/portal/pc_abc123/docs/?_rsc=x1")).toEqual({ kind: "session", portalId: "pc_abc123" });
  });

  it("an ended page speaks the lang it was sent with", () => {
    expect(documentLanguageSource("/portal/pc_abc123/ended?reason=signed_out&lang=ja")).toEqual({ kind: "ended", lang: "ja" });
    expect(documentLanguageSource("/portal/pc_abc123/ended?reason=signed_out")).toEqual({ kind: "ended", lang: undefined });
  });

  it("anything else is English: other pages, other shapes, no header", () => {
    for (const target of [null, undefined, "", "/", "/docs/errors", "/portal/pc_abc123", "/portal/pc_abc123/start", "/portal/pc_abc123/nope", "/portal/not-a-portal/keys", "/portal/pc_abc123/keys/extra", "http://[bad", "/portal/pc_a/keys".padEnd(5000, "x")]) {
      expect(documentLanguageSource(target), String(target).slice(0, 40)).toBeUndefined();
    }
  });

  it("knows every signed-in tab the app has", () => {
    const folders = readdirSync(path.join(root, "app/portal/[portalId]/(signed-in)"), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect([...SIGNED_IN_TABS].sort()).toEqual(folders);
  });
});
