// POST /v2/audit.listEvents — the workspace's audit log, newest first, filtered and paged (Keyport extension)
import { route } from "@/lib/api/route";
import { listAuditEvents, listAuditEventsInput } from "@/lib/audit/list-events";
import { auditEventListOutput } from "@/lib/audit/responses";
import { rootKeyAuth } from "@/lib/auth/root-key";

export const POST = route({
  summary: "the workspace's audit log, newest first, filtered and paged (Keyport extension)",
  auth: rootKeyAuth,
  input: listAuditEventsInput,
  output: auditEventListOutput,
  paginated: true,
  handler: async ({ db, input, auth }) => {
    auth.require("audit.*.read_audit_log");
    return listAuditEvents(db, auth.workspaceId, input);
  },
});
