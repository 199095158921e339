import { z } from "zod";

/**
 * Output schemas every domain shares. Each domain's lib/<domain>/responses.ts describes the `data`
 * its verbs return, after the envelope's omitAbsent (lib/api/reply.ts): an absent field is left out,
 * never null, so optional fields are `.optional()`, not `.nullable()`.
 */

/** Unkey's EmptyResponse: `data` of operations that only report success. */
export const emptyOutput = z.object({});

/** A time on the wire: unix milliseconds. */
export const unixMs = z.number().int().describe("Unix time in milliseconds.");

/** JSON a customer stored (`meta` of keys and identities), returned as stored (docs/api.md "Stored JSON"). */
export const storedJson = z.record(z.string(), z.unknown());

/** GET|POST /v2/liveness. */
export const livenessOutput = z.object({ message: z.string() });
