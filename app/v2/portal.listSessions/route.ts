// POST /v2/portal.listSessions — the workspace's portal sessions and their states (root key)
import { getDb } from "@/db/client";
import { Reply } from "@/lib/api/reply";
import { route } from "@/lib/api/route";
import { rootKeyAuth } from "@/lib/auth/root-key";
import { listSessions, listSessionsInput } from "@/lib/portal-sessions/list-sessions";

export const POST = route({
  auth: rootKeyAuth,
  input: listSessionsInput,
  // A list endpoint: the array itself is `data` (SPEC §2); at most 1000 newest sessions, one page.
  handler: async ({ input, auth }) => new Reply(await listSessions({ db: await getDb(), auth, input }), { pagination: { hasMore: false } }),
});
