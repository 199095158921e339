import type { KeyTemplate, SessionPolicy } from "@/db/schema";

/**
 * The console's portal form (docs/console.md "Portals") as plain strings, the way inputs hold them,
 * and its translation into the operator API's bodies (portals.create / portals.update). The form
 * never validates on its own: the body goes through the API's own schemas (lib/portal-configs/rules.ts),
 * and each refusal is shown next to the input its `location` names (fieldKey). Pure: the form, the
 * live preview and the server actions use it alike.
 */

export type RatelimitValues = { name: string; limit: string; duration: string; autoApply: boolean };

export type PortalFormValues = {
  slug: string;
  displayName: string;
  apiIds: string[];
  logoUrl: string;
  primaryColor: string;
  returnUrl: string;
  apiBaseUrl: string;
  sessionPolicy: SessionPolicy;
  maxKeys: string;
  docsMarkdown: string;
  /** One origin per line. */
  embedOrigins: string;
  showKeyMeta: boolean;
  /** Create only: the edit page has its own Enable / Disable button (its own audit event). */
  enabled: boolean;
  keyPrefix: string;
  keyByteLength: string;
  /** Whether keys made in the portal get credits (then `creditsRemaining` is required). */
  credits: boolean;
  creditsRemaining: string;
  refillInterval: "" | "daily" | "monthly";
  refillAmount: string;
  refillDay: string;
  ratelimits: RatelimitValues[];
  defaultExpiryMs: string;
};

/** The subset of a portal configuration (lib/portal-configs/to-portal-config.ts) the form edits. */
export type PortalConfigFields = {
  slug: string;
  displayName: string;
  apiIds: string[];
  logoUrl?: string;
  primaryColor?: string;
  returnUrl?: string;
  apiBaseUrl?: string;
  sessionPolicy: SessionPolicy;
  maxKeys: number;
  docsMarkdown?: string;
  embedOrigins: string[];
  showKeyMeta: boolean;
  enabled: boolean;
  keyTemplate: KeyTemplate;
};

export const EMPTY_RATELIMIT: RatelimitValues = { name: "", limit: "", duration: "", autoApply: true };

/** A new portal's form: the API's defaults (fixed sessions, 20 keys, enabled, no key meta). */
export function newPortalValues(apiIds: string[] = []): PortalFormValues {
  return {
    slug: "",
    displayName: "",
    apiIds,
    logoUrl: "",
    primaryColor: "",
    returnUrl: "",
    apiBaseUrl: "",
    sessionPolicy: "fixed",
    maxKeys: "20",
    docsMarkdown: "",
    embedOrigins: "",
    showKeyMeta: false,
    enabled: true,
    keyPrefix: "",
    keyByteLength: "",
    credits: false,
    creditsRemaining: "",
    refillInterval: "",
    refillAmount: "",
    refillDay: "",
    ratelimits: [],
    defaultExpiryMs: "",
  };
}

const str = (n: number | undefined) => (n === undefined ? "" : String(n));

/** The form of an existing portal. */
export function valuesOf(config: PortalConfigFields): PortalFormValues {
  const t = config.keyTemplate;
  return {
    slug: config.slug,
    displayName: config.displayName,
    apiIds: [...config.apiIds],
    logoUrl: config.logoUrl ?? "",
    primaryColor: config.primaryColor ?? "",
    returnUrl: config.returnUrl ?? "",
    apiBaseUrl: config.apiBaseUrl ?? "",
    sessionPolicy: config.sessionPolicy,
    maxKeys: String(config.maxKeys),
    docsMarkdown: config.docsMarkdown ?? "",
    embedOrigins: config.embedOrigins.join("\n"),
    showKeyMeta: config.showKeyMeta,
    enabled: config.enabled,
    keyPrefix: t.prefix ?? "",
    keyByteLength: str(t.byteLength),
    credits: t.credits !== undefined,
    creditsRemaining: str(t.credits?.remaining),
    refillInterval: t.credits?.refill?.interval ?? "",
    refillAmount: str(t.credits?.refill?.amount),
    refillDay: str(t.credits?.refill?.refillDay),
    ratelimits: (t.ratelimits ?? []).map((r) => ({ name: r.name, limit: String(r.limit), duration: String(r.duration), autoApply: r.autoApply })),
    defaultExpiryMs: str(t.defaultExpiryMs),
  };
}

/** Trimmed text, or undefined when blank. */
function text(value: string): string | undefined {
  const t = value.trim();
  return t === "" ? undefined : t;
}

/**
 * A number from an input: blank is undefined; anything that is not a number is sent as the text it
 * is, so the API's schema refuses it with its own message ("expected number, received string").
 */
function num(value: string): number | string | undefined {
  const t = value.trim();
  if (t === "") return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

/** The embed origins textarea: one per line, blank lines ignored. */
export function originLines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
}

/** The key template the form describes, as the API takes it; rows left wholly blank are ignored. */
export function keyTemplateOf(v: PortalFormValues): Record<string, unknown> {
  const template: Record<string, unknown> = {};
  const prefix = text(v.keyPrefix);
  if (prefix !== undefined) template.prefix = prefix;
  const byteLength = num(v.keyByteLength);
  if (byteLength !== undefined) template.byteLength = byteLength;
  if (v.credits) {
    const credits: Record<string, unknown> = { remaining: num(v.creditsRemaining) };
    if (v.refillInterval) {
      const refill: Record<string, unknown> = { interval: v.refillInterval, amount: num(v.refillAmount) };
      if (v.refillInterval === "monthly" && num(v.refillDay) !== undefined) refill.refillDay = num(v.refillDay);
      credits.refill = refill;
    }
    template.credits = credits;
  }
  const rows = v.ratelimits.filter((r) => r.name.trim() || r.limit.trim() || r.duration.trim());
  if (rows.length > 0) {
    template.ratelimits = rows.map((r) => ({ name: r.name.trim(), limit: num(r.limit), duration: num(r.duration), autoApply: r.autoApply }));
  }
  const expiry = num(v.defaultExpiryMs);
  if (expiry !== undefined) template.defaultExpiryMs = expiry;
  return template;
}

/** The portals.create body of the form (the API's defaults fill what is blank). */
export function createBodyOf(workspaceId: string, v: PortalFormValues): Record<string, unknown> {
  return {
    workspaceId,
    slug: v.slug.trim(),
    apiIds: v.apiIds,
    displayName: text(v.displayName),
    logoUrl: text(v.logoUrl),
    primaryColor: text(v.primaryColor),
    returnUrl: text(v.returnUrl),
    sessionPolicy: v.sessionPolicy,
    maxKeys: num(v.maxKeys) ?? v.maxKeys,
    apiBaseUrl: text(v.apiBaseUrl),
    docsMarkdown: v.docsMarkdown.trim() === "" ? undefined : v.docsMarkdown,
    keyTemplate: keyTemplateOf(v),
    enabled: v.enabled,
    showKeyMeta: v.showKeyMeta,
    embedOrigins: originLines(v.embedOrigins),
  };
}

/**
 * The portals.update body of the form: every field the form shows, a blank optional one as `null`
 * (cleared). `enabled` is not the form's: Enable / Disable change it.
 */
export function updateBodyOf(workspaceId: string, portal: string, v: PortalFormValues): Record<string, unknown> {
  return {
    workspaceId,
    portal,
    slug: v.slug.trim(),
    apiIds: v.apiIds,
    displayName: v.displayName.trim(),
    logoUrl: text(v.logoUrl) ?? null,
    primaryColor: text(v.primaryColor) ?? null,
    returnUrl: text(v.returnUrl) ?? null,
    sessionPolicy: v.sessionPolicy,
    maxKeys: num(v.maxKeys) ?? v.maxKeys,
    apiBaseUrl: text(v.apiBaseUrl) ?? null,
    docsMarkdown: v.docsMarkdown.trim() === "" ? null : v.docsMarkdown,
    keyTemplate: keyTemplateOf(v),
    showKeyMeta: v.showKeyMeta,
    embedOrigins: originLines(v.embedOrigins),
  };
}

/**
 * Which input an API error's `location` belongs to: `body.keyTemplate.ratelimits.0.limit` →
 * `keyTemplate.ratelimits.0.limit`; a list's items belong to the list's input (`body.embedOrigins.2`
 * → `embedOrigins`, `body.apiIds.0` → `apiIds`).
 */
export function fieldKey(location: string): string {
  const path = location.replace(/^body\.?/, "");
  const m = /^(embedOrigins|apiIds)(\.|$)/.exec(path);
  return m ? (m[1] as string) : path;
}

/** The inputs the form has, so an error for anything else is shown at the top of the form instead. */
export function isFormField(key: string): boolean {
  return (
    /^(slug|displayName|apiIds|logoUrl|primaryColor|returnUrl|apiBaseUrl|sessionPolicy|maxKeys|docsMarkdown|embedOrigins|showKeyMeta|enabled)$/.test(key) ||
    /^keyTemplate\.(prefix|byteLength|credits\.remaining|credits\.refill\.(interval|amount|refillDay)|defaultExpiryMs|ratelimits(\.\d+\.(name|limit|duration))?)$/.test(key)
  );
}
