import type { KeyTemplate } from "@/db/schema";
import type { MintKeyParams } from "@/lib/keys/mint-key";

type TemplateFields = Pick<MintKeyParams, "prefix" | "byteLength" | "expires" | "credits" | "ratelimits">;

/**
 * What a key made from a portal's key template gets (docs/sessions.md "What a session may do"): the
 * template's prefix, byte length, credits (with refill) and rate limits, and its default expiry
 * counted from `at` unless the caller names an expiry of its own. One rule for every key a portal's
 * end user holds: keys created in the portal and the demo's seeded keys alike.
 */
export function keyFromTemplate(template: KeyTemplate, at: number, expires?: number): TemplateFields {
  return {
    prefix: template.prefix,
    byteLength: template.byteLength,
    expires: expires ?? (template.defaultExpiryMs ? at + template.defaultExpiryMs : undefined),
    credits: template.credits,
    ratelimits: template.ratelimits,
  };
}
