import { describe, expect, it } from "vitest";
import { safeReturnUrl, withReason } from "@/lib/portal-configs/return-url";

describe("withReason", () => {
  it("adds reason and keeps the URL's own query and fragment", () => {
    expect(withReason("https://app.example.com/settings?tab=api#keys", "session_expired")).toBe(
      "https://app.example.com/settings?tab=api&reason=session_expired#keys",
    );
  });
  it("replaces an existing reason rather than duplicating it", () => {
    expect(withReason("https://app.example.com/?reason=x", "session_expired")).toBe("https://app.example.com/?reason=session_expired");
  });
  it("allows http only to localhost", () => {
    expect(withReason("http://localhost:4000/back", "session_expired")).toBe("http://localhost:4000/back?reason=session_expired");
    expect(withReason("http://app.example.com/back", "session_expired")).toBeUndefined();
  });
  it.each(["javascript:alert(1)", "//evil.example", "/relative", "https://a.example/\n", "data:text/html,hi"])("refuses %s", (u) => {
    expect(safeReturnUrl(u)).toBeUndefined();
    expect(withReason(u, "session_expired")).toBeUndefined();
  });
});
