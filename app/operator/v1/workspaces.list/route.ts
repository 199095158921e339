// POST /operator/v1/workspaces.list — every workspace on this server
import { z } from "zod";
import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { operatorAuth } from "@/lib/operator/operator-auth";
import { listWorkspaces } from "@/lib/workspaces/list-workspaces";

export const POST = route({
  auth: operatorAuth,
  input: z.strictObject({}),
  handler: async () => listWorkspaces({ db: await getDb() }),
});
