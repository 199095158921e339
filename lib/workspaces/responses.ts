import { z } from "zod";
import { unixMs } from "@/lib/api/responses";

/** operator workspaces.create: the first root key (holding `*`), shown this once. */
export const createdWorkspaceOutput = z.object({ workspaceId: z.string(), rootKeyId: z.string(), rootKey: z.string() });

/** operator workspaces.list */
export const workspaceListOutput = z.object({
  workspaces: z.array(z.object({ workspaceId: z.string(), name: z.string(), slug: z.string().optional(), createdAt: unixMs })),
});
