import { z } from "zod";
import { unixMs } from "@/lib/api/responses";

/** operator console.createLink: the one-time link, shown once. */
export const consoleLinkOutput = z.object({
  url: z.string().describe("Open within 15 minutes; it works once. The sign-in page asks before it redeems the link."),
  expiresAt: unixMs,
});

/** operator console.revokeSessions */
export const revokedConsoleSessionsOutput = z.object({ revoked: z.number().int().min(0).describe("How many live console sessions ended.") });
