import { z } from "zod";
import { unixMs } from "@/lib/api/responses";

/** operator rootKeys.create: the secret is shown this once. */
export const createdRootKeyOutput = z.object({ keyId: z.string(), rootKey: z.string(), permissions: z.array(z.string()) });

/** operator rootKeys.list: starts only, never secrets. */
export const rootKeyListOutput = z.object({
  rootKeys: z.array(
    z.object({
      keyId: z.string(),
      start: z.string(),
      name: z.string().optional(),
      permissions: z.array(z.string()),
      createdAt: unixMs,
      lastUsedAt: unixMs.optional().describe("When the key last authenticated a request, to the minute; absent: never."),
    }),
  ),
});

/** operator rootKeys.revoke */
export const revokedRootKeyOutput = z.object({ revoked: z.literal(true) });

/** operator demo (seed-demo.ts): what was seeded and a fresh portal link. */
export const demoOutput = z.object({
  workspaceId: z.string(),
  workspaceName: z.string(),
  created: z.boolean().describe("false when the demo workspace already existed (then `keys` is empty)."),
  rootKey: z.string(),
  apiId: z.string(),
  portalId: z.string(),
  slug: z.string(),
  externalId: z.string(),
  keys: z.array(z.object({ keyId: z.string(), name: z.string(), key: z.string().optional() })),
  portalUrl: z.string(),
  expiresAt: unixMs,
  publicUrl: z.string(),
});
