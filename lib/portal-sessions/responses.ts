import { z } from "zod";
import { unixMs } from "@/lib/api/responses";
import { keyOutput } from "@/lib/keys/responses";
import { INTENTS, THEMES } from "@/lib/portal-sessions/session-options";

/**
 * portal.createSession answers in the form that asked (createSessionData in create-session.ts):
 * `{sessionId, url}` for a body naming the portal by `slug`, `{id, url}` for one naming it by `portal`.
 */
export const createdSessionOutput = z.union([
  z.object({ sessionId: z.string(), url: z.string().describe("The one-time portal link; its code is valid for 15 minutes.") }),
  z.object({ id: z.string(), url: z.string().describe("The one-time portal link; its code is valid for 15 minutes.") }),
]);

/** portal.exchangeCode (the SDK's form). */
export const exchangedCodeOutput = z.object({ accessToken: z.string(), expiresAt: unixMs });

/** portal.exchangeSession (the seed docs' form): the same token under another name. */
export const exchangedSessionOutput = z.object({ token: z.string(), expiresAt: unixMs });

/** portal.getSession: what the portal UI draws itself from (get-session.ts); no secrets. */
export const portalSessionOutput = z.object({
  sessionId: z.string(),
  portalId: z.string(),
  externalId: z.string(),
  permissions: z.array(z.string()),
  expiresAt: unixMs,
  absoluteExpiresAt: unixMs,
  returnUrl: z.string().optional(),
  preview: z.boolean(),
  locale: z.string().optional().describe("The BCP 47 tag createSession was given, canonicalised; the portal renders in the closest language it ships."),
  theme: z.enum(THEMES),
  intent: z.enum(INTENTS).describe("Where the portal opened after sign-in."),
  branding: z.object({ displayName: z.string(), logoUrl: z.string().optional(), primaryColor: z.string().optional() }),
  apiIds: z.array(z.string()),
  apiBaseUrl: z.string().optional(),
  docsMarkdown: z.string().optional(),
  sessionPolicy: z.enum(["fixed", "sliding"]),
  maxKeys: z.number().int(),
});

/**
 * What an end user sees of a key (portal-key-view.ts): KeyResponseData without the identity and
 * the permissions; `meta` only when the portal shows it; `replaced` once the key has been rolled.
 */
export const portalKeyOutput = keyOutput.omit({ permissions: true, identity: true }).extend({
  replaced: z
    .object({
      by: z.object({ keyId: z.string(), start: z.string() }).optional().describe("The key that replaced this one, while it is still one of your live keys."),
    })
    .optional()
    .describe("Present once the key has been rolled: it keeps working until `expires` (its grace period) and cannot be rolled again."),
});

/** portal.listKeys: the page itself is `data`. */
export const portalKeyListOutput = z.array(portalKeyOutput);

/** portal.getVerifications: a contiguous, zero-filled series of buckets, oldest first. */
export const verificationSeriesOutput = z.array(
  z.object({
    time: unixMs.describe("Start of the bucket, unix milliseconds."),
    total: z.number().int(),
    valid: z.number().int(),
    rateLimited: z.number().int(),
    insufficientPermissions: z.number().int(),
    forbidden: z.number().int(),
    disabled: z.number().int(),
    expired: z.number().int(),
    usageExceeded: z.number().int(),
  }),
);

/** portal.listSessions: the workspace's sessions, newest first (toSessionResponse in list-sessions.ts). */
export const portalSessionListOutput = z.array(
  z.object({
    id: z.string(),
    portalId: z.string(),
    externalId: z.string(),
    permissions: z.array(z.string()),
    state: z.enum(["pending", "active", "expired", "revoked"]),
    preview: z.boolean(),
    createdAt: unixMs,
    expiresAt: unixMs.describe("When the session (or, pending, its code) ends."),
    lastSeenAt: unixMs.optional(),
  }),
);

/** portal.revokeSession */
export const revokedSessionsOutput = z.object({ revoked: z.number().int().describe("How many sessions ended.") });
