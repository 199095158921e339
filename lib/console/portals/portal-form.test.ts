import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { parseInput } from "@/lib/api/body";
import { changedFields } from "@/lib/console/portals/changed-fields";
import { createBodyOf, fieldKey, isFormField, newPortalValues, type PortalFormValues, updateBodyOf, valuesOf } from "@/lib/console/portals/portal-form";
import { previewModel } from "@/lib/console/portals/preview-model";
import { createPortalInput, updatePortalInput } from "@/lib/portal-configs/rules";
import { previewKeys } from "@/lib/ui/preview-keys";
import { keyState } from "@/lib/ui/key-state";
import { formatDuration } from "@/lib/console/portals/durations";

const full: PortalFormValues = {
  ...newPortalValues(["api_a", "api_b"]),
  slug: "acme-dev",
  displayName: "Acme Developers",
  logoUrl: "https://cdn.acme.test/logo.svg",
  primaryColor: "#0f766e",
  returnUrl: "https://app.acme.test/settings",
  apiBaseUrl: "https://api.acme.test",
  sessionPolicy: "sliding",
  maxKeys: "7",
  docsMarkdown: "# Hello\n\nUse **Bearer**.",
  embedOrigins: "https://App.Acme.test/\n\n  http://localhost:5173  ",
  showKeyMeta: true,
  keyPrefix: "acme",
  keyByteLength: "24",
  credits: true,
  creditsRemaining: "1000",
  refillInterval: "monthly",
  refillAmount: "500",
  refillDay: "15",
  ratelimits: [
    { name: "requests", limit: "100", duration: "60000", autoApply: true },
    { name: "", limit: "", duration: "", autoApply: true },
  ],
  defaultExpiryMs: "2592000000",
};

/** The API's refusal of a body, as `location → message`. */
function refusalOf(schema: typeof createPortalInput | typeof updatePortalInput, body: unknown): Record<string, string[]> {
  try {
    parseInput(schema, body);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    const out: Record<string, string[]> = {};
    for (const e of err.errors ?? []) (out[fieldKey(e.location)] ??= []).push(e.message);
    return out;
  }
  throw new Error("the body was accepted");
}

describe("the console's portal form → operator API bodies", () => {
  it("a filled form is a portals.create body the API's schema accepts, field for field", () => {
    const input = parseInput(createPortalInput, createBodyOf("ws_1", full));
    expect(input).toEqual({
      workspaceId: "ws_1",
      slug: "acme-dev",
      apiIds: ["api_a", "api_b"],
      displayName: "Acme Developers",
      logoUrl: "https://cdn.acme.test/logo.svg",
      primaryColor: "#0f766e",
      returnUrl: "https://app.acme.test/settings",
      sessionPolicy: "sliding",
      maxKeys: 7,
      apiBaseUrl: "https://api.acme.test",
      docsMarkdown: "# Hello\n\nUse **Bearer**.",
      keyTemplate: {
        prefix: "acme",
        byteLength: 24,
        credits: { remaining: 1000, refill: { interval: "monthly", amount: 500, refillDay: 15 } },
        ratelimits: [{ name: "requests", limit: 100, duration: 60000, autoApply: true }],
        defaultExpiryMs: 2592000000,
      },
      enabled: true,
      showKeyMeta: true,
      embedOrigins: ["https://app.acme.test", "http://localhost:5173"],
    });
  });

  it("a blank new form takes the API's defaults; only slug and APIs are asked for", () => {
    expect(refusalOf(createPortalInput, createBodyOf("ws_1", newPortalValues()))).toEqual({
      slug: [expect.stringContaining("Invalid slug")],
      apiIds: ["a portal covers at least one API"],
    });
    const input = parseInput(createPortalInput, createBodyOf("ws_1", { ...newPortalValues(["api_a"]), slug: "plain" }));
    expect(input).toMatchObject({ displayName: undefined, logoUrl: undefined, sessionPolicy: "fixed", maxKeys: 20, keyTemplate: {}, enabled: true, showKeyMeta: false, embedOrigins: [] });
  });

  it("values of a stored portal give back the same portal (edit round trip)", () => {
    const stored = parseInput(createPortalInput, createBodyOf("ws_1", full));
    const again = valuesOf({ ...stored, displayName: stored.displayName ?? "", apiIds: stored.apiIds });
    expect(parseInput(createPortalInput, createBodyOf("ws_1", again))).toEqual(stored);
  });

  it("an update sends every field, a blank optional one as null (cleared), and never `enabled`", () => {
    const blank = { ...full, logoUrl: " ", primaryColor: "", returnUrl: "", apiBaseUrl: "", docsMarkdown: "\n" };
    const body = updateBodyOf("ws_1", "pc_1", blank);
    expect(body).toMatchObject({ logoUrl: null, primaryColor: null, returnUrl: null, apiBaseUrl: null, docsMarkdown: null, slug: "acme-dev", maxKeys: 7 });
    expect(body).not.toHaveProperty("enabled");
    expect(parseInput(updatePortalInput, body).logoUrl).toBeNull();
  });

  it("every refusal names the input it belongs to, with the API's own message", () => {
    const bad: PortalFormValues = {
      ...full,
      slug: "Bad Slug",
      primaryColor: "teal",
      logoUrl: "http://cdn.acme.test/logo.svg",
      maxKeys: "lots",
      embedOrigins: "https://ok.acme.test\nftp://nope.test",
      ratelimits: [{ name: "requests", limit: "0", duration: "60000", autoApply: true }],
      refillDay: "40",
    };
    const errors = refusalOf(updatePortalInput, updateBodyOf("ws_1", "pc_1", bad));
    expect(Object.keys(errors).sort()).toEqual(["embedOrigins", "keyTemplate.credits.refill.refillDay", "keyTemplate.ratelimits.0.limit", "logoUrl", "maxKeys", "primaryColor", "slug"]);
    expect(errors.slug).toEqual([expect.stringMatching(/^Invalid slug: a slug is 3–64 characters/)]);
    expect(errors.primaryColor).toEqual(["Invalid colour: a colour is #rgb or #rrggbb in hex digits."]);
    expect(errors.embedOrigins).toEqual(["embedOrigins.1 must start with https:// (or http://localhost:<port> for development)."]);
    expect(errors.maxKeys?.[0]).toMatch(/expected number, received string/);
    for (const key of Object.keys(errors)) expect(isFormField(key), key).toBe(true);
  });

  it("credits without a balance are refused at the balance's input; refill only when chosen", () => {
    const errors = refusalOf(createPortalInput, createBodyOf("ws_1", { ...full, creditsRemaining: "" }));
    expect(Object.keys(errors)).toEqual(["keyTemplate.credits.remaining"]);
    const daily = parseInput(createPortalInput, createBodyOf("ws_1", { ...full, refillInterval: "daily", refillDay: "15" }));
    expect(daily.keyTemplate.credits).toEqual({ remaining: 1000, refill: { interval: "daily", amount: 500 } });
    const none = parseInput(createPortalInput, createBodyOf("ws_1", { ...full, credits: false }));
    expect(none.keyTemplate.credits).toBeUndefined();
  });

  it("fieldKey maps list items to their list and keeps nested paths", () => {
    expect(fieldKey("body.embedOrigins.3")).toBe("embedOrigins");
    expect(fieldKey("body.apiIds")).toBe("apiIds");
    expect(fieldKey("body.apiIds.0")).toBe("apiIds");
    expect(fieldKey("body.keyTemplate.ratelimits.2.duration")).toBe("keyTemplate.ratelimits.2.duration");
    expect(fieldKey("confirmation")).toBe("confirmation");
    expect(isFormField("workspaceId")).toBe(false);
    expect(isFormField("keyTemplate")).toBe(false);
  });
});

describe("changedFields: what a Save sends to portals.update", () => {
  const stored = { ...parseInput(createPortalInput, createBodyOf("ws_1", full)), apiIds: ["api_a", "api_b"], portalId: "pc_1", createdAt: 1 };

  it("an unchanged form changes nothing, whatever order the template's keys or the APIs come in", () => {
    // As jsonb gives it back: the same values, keys in another order.
    const reverse = (v: unknown): unknown =>
      v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverse(x)])) : Array.isArray(v) ? v.map(reverse) : v;
    const reordered = { ...stored, apiIds: ["api_b", "api_a"], keyTemplate: reverse(stored.keyTemplate) };
    expect(Object.keys(reordered.keyTemplate as object)[0]).toBe("defaultExpiryMs");
    const input = parseInput(updatePortalInput, updateBodyOf("ws_1", "pc_1", full));
    expect(changedFields(input, reordered)).toEqual([]);
  });

  it("names exactly the fields that differ; clearing an optional field is a change, absent equals null", () => {
    const input = parseInput(updatePortalInput, updateBodyOf("ws_1", "pc_1", { ...full, primaryColor: "#123456", logoUrl: "", ratelimits: [] }));
    expect(changedFields(input, stored)).toEqual(["logoUrl", "primaryColor", "keyTemplate"]);
    const noLogo = { ...stored, logoUrl: undefined };
    expect(changedFields(parseInput(updatePortalInput, updateBodyOf("ws_1", "pc_1", { ...full, logoUrl: "" })), noLogo)).toEqual([]);
  });
});

describe("the live preview's model and sample keys", () => {
  const apis = [
    { id: "api_a", name: "Payments", prefix: "pay" },
    { id: "api_b", name: "Search" },
  ];

  it("shows what the form says when the API would accept it, and the portal's fallback when not", () => {
    const good = previewModel(full, { workspaceName: "Acme", apis });
    expect(good).toMatchObject({ displayName: "Acme Developers", primaryColor: "#0f766e", logoUrl: "https://cdn.acme.test/logo.svg", prefix: "acme", showKeyMeta: true });
    expect(good.apis).toEqual([{ id: "api_a", name: "Payments" }, { id: "api_b", name: "Search" }]);
    const half = previewModel({ ...full, displayName: "  ", primaryColor: "#0f7", logoUrl: "http://cdn.acme.test/x.png", keyPrefix: "" }, { workspaceName: "Acme", apis });
    expect(half.displayName).toBe("Acme");
    expect(half.primaryColor).toBe("#0f7");
    expect(half.logoUrl).toBeUndefined();
    expect(half.prefix).toBe("pay");
    expect(previewModel({ ...full, primaryColor: "#0f" }, { workspaceName: "Acme", apis }).primaryColor).toBeUndefined();
  });

  it("keeps the parts of a half-typed template that are already valid", () => {
    const typing = previewModel({ ...full, ratelimits: [{ name: "requests", limit: "100", duration: "60000", autoApply: true }, { name: "burst", limit: "", duration: "", autoApply: true }], creditsRemaining: "" }, { workspaceName: "Acme", apis });
    expect(typing.template.ratelimits).toEqual([{ name: "requests", limit: 100, duration: 60000, autoApply: true }]);
    expect(typing.template.credits).toBeUndefined();
    expect(typing.template.prefix).toBe("acme");
  });

  it("sample keys carry the template and cover in use, expiring soon, rolled and its successor", () => {
    const now = Date.UTC(2026, 5, 1);
    const model = previewModel(full, { workspaceName: "Acme", apis });
    const keys = previewKeys({ prefix: model.prefix, template: model.template, showKeyMeta: true, now });
    expect(keys.map((k) => keyState(k, now))).toEqual(["active", "expiring", "active", "replaced"]);
    expect(keys.every((k) => k.start.startsWith("acme_"))).toBe(true);
    expect(keys[0]?.ratelimits).toEqual([{ id: "rl_preview0", name: "requests", limit: 100, duration: 60000, autoApply: true }]);
    expect(keys[0]?.credits).toEqual({ remaining: 600, refill: { interval: "monthly", amount: 500, refillDay: 15 } });
    expect(keys[0]?.meta).toEqual({ environment: "production", team: "platform" });
    expect(keys[3]?.replaced?.by?.start).toBe(keys[2]?.start);
    // The template's 30-day default expiry: every sample key expires, none before now.
    expect(keys.every((k) => k.expires !== undefined && k.expires > now)).toBe(true);
    const bare = previewKeys({ template: {}, showKeyMeta: false, now });
    expect(bare.map((k) => [k.start, k.credits, k.ratelimits.length, k.meta])).toEqual([
      ["3ZtK", undefined, 0, undefined],
      ["8fQa", undefined, 0, undefined],
      ["Lm2x", undefined, 0, undefined],
      ["Vb7p", undefined, 0, undefined],
    ]);
  });
});

describe("formatDuration: the form's reading of a millisecond field", () => {
  it("names the largest whole unit", () => {
    expect([2_592_000_000, 86_400_000, 90_000, 60_000, 1000, 1500, 1].map(formatDuration)).toEqual(["30 days", "1 day", "90 seconds", "1 minute", "1 second", "1,500 milliseconds", "1 millisecond"]);
  });
});
