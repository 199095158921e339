// POST /operator/v1/workspaces.list — every workspace on this server
import { z } from "zod";
import { route } from "@/lib/api/route";
import { operatorAuth } from "@/lib/operator/operator-auth";
import { listWorkspaces } from "@/lib/workspaces/list-workspaces";
import { workspaceListOutput } from "@/lib/workspaces/responses";

export const POST = route({
  summary: "every workspace on this server",
  auth: operatorAuth,
  input: z.strictObject({}),
  output: workspaceListOutput,
  handler: async ({ db }) => listWorkspaces({ db }),
});
