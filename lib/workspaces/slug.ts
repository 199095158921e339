import { z } from "zod";

export const SLUG_RULE =
  "a slug is 3–64 characters of lowercase letters a–z, digits 0–9 and single hyphens, and does not start or end with a hyphen";

// No "--" either: Unkey's slug rule forbids consecutive hyphens (docs/api.md "Provisioning rules").
const SLUG = /^[a-z0-9](?:[a-z0-9]|-(?!-)){1,62}[a-z0-9]$/;

export function isValidSlug(value: string): boolean {
  return SLUG.test(value);
}

export const slugSchema = z.string().refine(isValidSlug, { message: `Invalid slug: ${SLUG_RULE}.` });
