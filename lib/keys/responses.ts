import { z } from "zod";
import { storedJson, unixMs } from "@/lib/api/responses";
import { identityOutput, ratelimitOutput } from "@/lib/identities/responses";

/** A key's refill rule as stored (KeyRefill in db/schema/keys.ts). */
export const refillOutput = z.object({
  interval: z.enum(["daily", "monthly"]),
  amount: z.number().int(),
  refillDay: z.number().int().optional(),
});

/** The SDK's KeyCreditsData as a key read shows it: present only for a key with a balance. */
export const keyCreditsOutput = z.object({ remaining: z.number().int(), refill: refillOutput.optional() });

/**
 * The SDK's KeyResponseData (toKeyResponse in lib/keys/key-response.ts): keys.getKey, keys.whoami and
 * each item of apis.listKeys. Never the secret or its hash.
 */
export const keyOutput = z.object({
  keyId: z.string(),
  start: z.string().describe("The first characters of the key, to recognise it."),
  enabled: z.boolean(),
  name: z.string().optional(),
  meta: storedJson.optional(),
  createdAt: unixMs,
  updatedAt: unixMs.optional(),
  lastUsedAt: unixMs.optional(),
  expires: unixMs.optional(),
  permissions: z.array(z.string()),
  credits: keyCreditsOutput.optional().describe("Absent: unlimited."),
  identity: identityOutput.optional(),
  ratelimits: z.array(ratelimitOutput),
});

/** keys.createKey and keys.rerollKey (and the portal's): the new key, shown this once. */
export const createdKeyOutput = z.object({
  keyId: z.string(),
  key: z.string().describe("The key itself. Only its hash is stored: it cannot be shown again."),
});

/** keys.updateCredits: the SDK's KeyCreditsData, where `remaining: null` means unlimited. */
export const updatedCreditsOutput = z.object({
  remaining: z.number().int().nullable().describe("null: unlimited."),
  refill: refillOutput.optional(),
});
