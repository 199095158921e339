import { z } from "zod";
import { INT4_MAX, RATELIMIT_DURATION_MAX, RATELIMIT_LIMIT_MAX } from "@/lib/keys/key-fields";
import { embedOriginsSchema } from "@/lib/portal-configs/embed-origins";
import { returnUrlProblem, returnUrlSchema } from "@/lib/portal-configs/return-url";
import { slugSchema } from "@/lib/workspaces/slug";

/**
 * Validation of portal configurations at provisioning time. Everything here ends up in the
 * portal's HTML (logo `src`, CSS colour, return link), so the rules are strict allow-lists:
 * a value that passes cannot break out of an attribute or a style declaration.
 */

export const COLOUR_RULE = "a colour is #rgb or #rrggbb in hex digits";
export const LOGO_URL_RULE =
  "a logo URL is an absolute https URL (or http to localhost) of at most 500 characters, without quotes, angle brackets, backslashes, spaces or control characters";

/** One rule for return URLs, shared with portal.createSession (lib/portal-configs/return-url.ts). */
export function isValidReturnUrl(raw: string): boolean {
  return returnUrlProblem(raw) === undefined;
}

export function isValidLogoUrl(raw: string): boolean {
  return isValidReturnUrl(raw) && !/["'<>`\\\s]/.test(raw) && !/[()]/.test(raw);
}

export function isValidColour(raw: string): boolean {
  return /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(raw);
}

export const logoUrlSchema = z.string().refine(isValidLogoUrl, { message: `Invalid logo URL: ${LOGO_URL_RULE}.` });
export const colourSchema = z.string().refine(isValidColour, { message: `Invalid colour: ${COLOUR_RULE}.` });
export const apiBaseUrlSchema = z
  .string()
  .refine(isValidReturnUrl, { message: "Invalid API base URL: an absolute https URL (or http to localhost) of at most 500 characters." });

/** Every number is bounded as keys.createKey bounds it: a template is copied into each key it makes. */
export const keyTemplateSchema = z.strictObject({
  prefix: z.string().regex(/^[A-Za-z0-9_]{1,16}$/, "a prefix is 1–16 characters of A–Z, a–z, 0–9 and _").optional(),
  byteLength: z.number().int().min(16).max(255).optional(),
  credits: z
    .strictObject({
      remaining: z.number().int().min(0).max(INT4_MAX),
      refill: z
        .strictObject({
          interval: z.enum(["daily", "monthly"]),
          amount: z.number().int().min(1).max(INT4_MAX),
          refillDay: z.number().int().min(1).max(31).optional(),
        })
        .optional(),
    })
    .optional(),
  ratelimits: z
    .array(
      z.strictObject({
        name: z.string().min(1).max(200),
        limit: z.number().int().min(1).max(RATELIMIT_LIMIT_MAX),
        duration: z.number().int().min(1000).max(RATELIMIT_DURATION_MAX),
        autoApply: z.boolean().default(true),
      }),
    )
    .max(20)
    .optional(),
  defaultExpiryMs: z.number().int().min(60_000).max(10 * 365 * 24 * 3600 * 1000).optional(),
});

const apiIdsSchema = z.array(z.string().min(1).max(64)).min(1, "a portal covers at least one API").max(50);

/** Every configurable field of a portal; create requires `slug` and `apiIds`, update takes any subset. */
const portalFields = {
  displayName: z.string().trim().min(1).max(200),
  logoUrl: logoUrlSchema,
  primaryColor: colourSchema,
  returnUrl: returnUrlSchema,
  sessionPolicy: z.enum(["fixed", "sliding"]),
  maxKeys: z.number().int().min(1).max(1000),
  apiBaseUrl: apiBaseUrlSchema,
  docsMarkdown: z.string().max(5000),
  keyTemplate: keyTemplateSchema,
  enabled: z.boolean(),
  showKeyMeta: z.boolean(),
  embedOrigins: embedOriginsSchema,
};

export const createPortalInput = z.strictObject({
  workspaceId: z.string().min(1),
  slug: slugSchema,
  apiIds: apiIdsSchema,
  displayName: portalFields.displayName.optional(),
  logoUrl: portalFields.logoUrl.optional(),
  primaryColor: portalFields.primaryColor.optional(),
  returnUrl: portalFields.returnUrl.optional(),
  sessionPolicy: portalFields.sessionPolicy.default("fixed"),
  maxKeys: portalFields.maxKeys.default(20),
  apiBaseUrl: portalFields.apiBaseUrl.optional(),
  docsMarkdown: portalFields.docsMarkdown.optional(),
  keyTemplate: portalFields.keyTemplate.default({}),
  enabled: portalFields.enabled.default(true),
  showKeyMeta: portalFields.showKeyMeta.default(false),
  embedOrigins: portalFields.embedOrigins.default([]),
});

/** Which portal: its slug or its `pc_` id, within a workspace. */
export const portalRef = {
  workspaceId: z.string().min(1),
  portal: z.string().min(1).max(64),
};

/** `null` clears an optional field (logo, colour, return URL, API base URL, docs); `embedOrigins: []` clears the list. */
export const updatePortalInput = z.strictObject({
  ...portalRef,
  slug: slugSchema.optional(),
  apiIds: apiIdsSchema.optional(),
  displayName: portalFields.displayName.optional(),
  logoUrl: portalFields.logoUrl.nullable().optional(),
  primaryColor: portalFields.primaryColor.nullable().optional(),
  returnUrl: portalFields.returnUrl.nullable().optional(),
  sessionPolicy: portalFields.sessionPolicy.optional(),
  maxKeys: portalFields.maxKeys.optional(),
  apiBaseUrl: portalFields.apiBaseUrl.nullable().optional(),
  docsMarkdown: portalFields.docsMarkdown.nullable().optional(),
  keyTemplate: portalFields.keyTemplate.optional(),
  enabled: portalFields.enabled.optional(),
  showKeyMeta: portalFields.showKeyMeta.optional(),
  embedOrigins: portalFields.embedOrigins.optional(),
});

export const portalRefInput = z.strictObject(portalRef);

export type CreatePortalInput = z.infer<typeof createPortalInput>;
export type UpdatePortalInput = z.infer<typeof updatePortalInput>;
