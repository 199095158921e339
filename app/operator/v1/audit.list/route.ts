// POST /operator/v1/audit.list — one workspace's audit log, newest first, filtered and paged
import { z } from "zod";
import { route } from "@/lib/api/route";
import { auditFilterFields, listAuditEvents } from "@/lib/audit/list-events";
import { auditEventListOutput } from "@/lib/audit/responses";
import { operatorAuth } from "@/lib/operator/operator-auth";
import { requireWorkspace } from "@/lib/workspaces/require-workspace";

export const POST = route({
  summary: "one workspace's audit log, newest first, filtered and paged",
  auth: operatorAuth,
  input: z.strictObject({ workspaceId: z.string().min(1), ...auditFilterFields }),
  output: auditEventListOutput,
  paginated: true,
  handler: async ({ db, input: { workspaceId, ...query } }) => {
    await requireWorkspace(db, workspaceId);
    return listAuditEvents(db, workspaceId, query);
  },
});
