import { z } from "zod";

/** Field rules shared by keys.createKey, keys.updateKey and identities.* (docs/api.md). */

export const META_MAX_BYTES = 10 * 1024;

/**
 * Numeric bounds, from the columns that hold the values (docs/api.md "Conventions"): credits and
 * refill amounts live in int4 columns; a rate limit is compared with an int4 counter.
 */
export const INT4_MAX = 2_147_483_647;
export const RATELIMIT_LIMIT_MAX = 1_000_000_000;
/** 30 days, Unkey's longest rate-limit window. */
export const RATELIMIT_DURATION_MAX = 2_592_000_000;
/** The latest time a JavaScript Date can hold (unix ms); times are bigint columns. */
export const TIME_MAX_MS = 8_640_000_000_000_000;

export const prefixField = z
  .string()
  .regex(/^[A-Za-z0-9_]{1,16}$/, { message: "prefix must be 1–16 characters of A–Z, a–z, 0–9 and _" });

// Unkey's document: a key name is 1–255 characters (keys.createKey and keys.updateKey).
export const nameField = z.string().min(1).max(255);

// Control characters would break logs and the portal's display of the id.
export const externalIdField = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[^\u0000-\u001f\u007f-\u009f]+$/, { message: "externalId must not contain control characters" });

export const metaField = z
  .record(z.string(), z.unknown())
  .refine((m) => Buffer.byteLength(JSON.stringify(m), "utf8") <= META_MAX_BYTES, {
    message: "meta must be at most 10 KB when serialised as JSON",
  });

export const refillField = z.strictObject({
  interval: z.enum(["daily", "monthly"]),
  amount: z.number().int().min(1).max(INT4_MAX),
  refillDay: z.number().int().min(1).max(31).optional(),
});

export const creditsField = z.strictObject({
  // null = unlimited (the SDK's KeyCreditsData allows it)
  remaining: z.number().int().min(0).max(INT4_MAX).nullable(),
  refill: refillField.optional(),
});

export const ratelimitField = z.strictObject({
  name: z.string().min(1).max(128),
  limit: z.number().int().min(1).max(RATELIMIT_LIMIT_MAX),
  duration: z.number().int().min(1000).max(RATELIMIT_DURATION_MAX),
  autoApply: z.boolean().default(false),
});

export const ratelimitsField = z
  .array(ratelimitField)
  .max(50)
  .refine((list) => new Set(list.map((r) => r.name)).size === list.length, { message: "ratelimit names must be unique" });

export const permissionsField = z.array(z.string().min(1).max(512)).max(1000);

/** Roles are not supported; the SDK may send an empty list. */
export const rolesField = z
  .array(z.string())
  .max(0, { message: "roles are not supported by Keyport; grant permissions directly" })
  .optional();

/** Unix ms after now; checked against the clock in the verb. */
export const expiresField = z.number().int().min(0).max(TIME_MAX_MS);
