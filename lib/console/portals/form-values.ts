import { z } from "zod";

/**
 * The shape of PortalFormValues (portal-form.ts) as a server action receives it: whatever a browser
 * sends, checked before any of it is read. Bounds are loose on purpose — the operator API's schema
 * judges the values and words the refusals; this only keeps a forged call from reaching it as
 * something other than strings, booleans and short lists.
 */
const text = z.string().max(20_000);
export const portalFormValuesSchema = z.strictObject({
  slug: text,
  displayName: text,
  apiIds: z.array(z.string().max(200)).max(100),
  logoUrl: text,
  primaryColor: text,
  returnUrl: text,
  apiBaseUrl: text,
  sessionPolicy: z.enum(["fixed", "sliding"]),
  maxKeys: text,
  docsMarkdown: text,
  embedOrigins: text,
  showKeyMeta: z.boolean(),
  enabled: z.boolean(),
  keyPrefix: text,
  keyByteLength: text,
  credits: z.boolean(),
  creditsRemaining: text,
  refillInterval: z.enum(["", "daily", "monthly"]),
  refillAmount: text,
  refillDay: text,
  ratelimits: z.array(z.strictObject({ name: text, limit: text, duration: text, autoApply: z.boolean() })).max(50),
  defaultExpiryMs: text,
});
