import { z } from "zod";
import { unixMs } from "@/lib/api/responses";
import { keyTemplateSchema } from "@/lib/portal-configs/rules";

/** A portal configuration as the operator sees it (toPortalConfig in to-portal-config.ts). */
export const portalConfigOutput = z.object({
  portalId: z.string(),
  workspaceId: z.string(),
  slug: z.string(),
  displayName: z.string(),
  logoUrl: z.string().optional(),
  primaryColor: z.string().optional(),
  apiBaseUrl: z.string().optional(),
  docsMarkdown: z.string().optional(),
  sessionPolicy: z.enum(["fixed", "sliding"]),
  maxKeys: z.number().int(),
  // Stored as provisioning parsed it, so the provisioning schema describes it.
  keyTemplate: keyTemplateSchema,
  enabled: z.boolean(),
  showKeyMeta: z.boolean(),
  embedOrigins: z.array(z.string()).describe("Origins allowed to frame the portal (normalised); empty: nobody may."),
  apiIds: z.array(z.string()).describe("Live APIs the portal covers now."),
  returnUrl: z.string().optional(),
  createdAt: unixMs,
  updatedAt: unixMs.optional(),
});

/** operator portals.list */
export const portalConfigListOutput = z.object({ portals: z.array(portalConfigOutput) });
