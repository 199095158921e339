import { describe, expect, it } from "vitest";
import { endedPath } from "@/lib/portal-sessions/ended-path";

describe("the ended page's address (docs/sessions.md \"Languages\")", () => {
  it("carries the ended session's language when it is not English", () => {
    expect(endedPath("pc_abc", "signed_out", "de")).toBe("/portal/pc_abc/ended?reason=signed_out&lang=de");
    expect(endedPath("pc_abc", "session_expired", "fr-CA")).toBe("/portal/pc_abc/ended?reason=session_expired&lang=fr");
    expect(endedPath("pc_abc", "unavailable", "ja-JP")).toBe("/portal/pc_abc/ended?reason=unavailable&lang=ja");
  });

  it("is unchanged for English, no locale, or one that does not ship", () => {
    for (const locale of ["en", "en-US", "pt-BR", undefined, null]) expect(endedPath("pc_abc", "no_session", locale)).toBe("/portal/pc_abc/ended?reason=no_session");
  });
});
