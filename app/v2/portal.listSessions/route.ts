// POST /v2/portal.listSessions — the workspace's portal sessions and their states (root key)
import { Reply } from "@/lib/api/reply";
import { route } from "@/lib/api/route";
import { rootKeyAuth } from "@/lib/auth/root-key";
import { listSessions, listSessionsInput } from "@/lib/portal-sessions/list-sessions";
import { portalSessionListOutput } from "@/lib/portal-sessions/responses";

export const POST = route({
  summary: "the workspace's portal sessions and their states (root key)",
  auth: rootKeyAuth,
  input: listSessionsInput,
  output: portalSessionListOutput,
  paginated: true,
  // A list endpoint: the array itself is `data` (docs/api.md "Conventions"); at most 1000 newest sessions, one page.
  handler: async ({ db, input, auth }) => new Reply(await listSessions({ db, auth, input }), { pagination: { hasMore: false } }),
});
