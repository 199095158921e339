import { z } from "zod";
import { storedJson, unixMs } from "@/lib/api/responses";
import { identityOutput } from "@/lib/identities/responses";

/** One rate limit checked by a verification (RatelimitResult in lib/verification/apply-ratelimits.ts). */
export const verifyRatelimitOutput = z.object({
  exceeded: z.boolean(),
  id: z.string(),
  name: z.string(),
  limit: z.number().int(),
  duration: z.number().int(),
  reset: z.number().int().describe("Milliseconds until the window ends."),
  remaining: z.number().int(),
  autoApply: z.boolean(),
});

/**
 * keys.verifyKey, always 200 (lib/verification/verify-key.ts). NOT_FOUND carries only `valid` and
 * `code`; FORBIDDEN is never a code here (a root key without the permission gets a 403 instead).
 */
export const verifyKeyOutput = z.object({
  valid: z.boolean(),
  code: z.enum(["VALID", "NOT_FOUND", "DISABLED", "EXPIRED", "USAGE_EXCEEDED", "RATE_LIMITED", "INSUFFICIENT_PERMISSIONS"]),
  keyId: z.string().optional(),
  name: z.string().optional(),
  meta: storedJson.optional(),
  expires: unixMs.optional(),
  credits: z.number().int().optional().describe("Credits left; absent: unlimited."),
  enabled: z.boolean().optional(),
  permissions: z.array(z.string()).optional().describe("The key's permissions, when the request asked about some."),
  identity: identityOutput.optional(),
  ratelimits: z.array(verifyRatelimitOutput).optional(),
});
