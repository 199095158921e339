import { z } from "zod";
import { storedJson } from "@/lib/api/responses";

/**
 * The SDK's RatelimitResponse: a rate limit stored on an identity or a key (toRatelimitResponse in
 * lib/keys/ratelimit-config.ts). Here, not in lib/keys/responses.ts, because keys embed identities.
 */
export const ratelimitOutput = z.object({
  id: z.string(),
  name: z.string(),
  limit: z.number().int(),
  duration: z.number().int().describe("Window length in milliseconds."),
  autoApply: z.boolean(),
});

/** The SDK's Identity (lib/identities/identity-response.ts): also the `identity` inside keys and verifications. */
export const identityOutput = z.object({
  id: z.string(),
  externalId: z.string(),
  meta: storedJson.optional(),
  ratelimits: z.array(ratelimitOutput),
});

/** identities.createIdentity */
export const createdIdentityOutput = z.object({ identityId: z.string() });

/** identities.listIdentities: the page itself is `data`. */
export const identityListOutput = z.array(identityOutput);
