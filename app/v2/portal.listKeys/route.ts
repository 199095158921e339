// POST /v2/portal.listKeys — the portal session's end user's keys (portal cookie or Bearer token)
import { getDb } from "@/db/client";
import { Reply } from "@/lib/api/reply";
import { route } from "@/lib/api/route";
import { portalSessionAuth } from "@/lib/portal-sessions/authenticate";
import { listKeys, listKeysInput } from "@/lib/portal-sessions/list-keys";

export const POST = route({
  auth: portalSessionAuth,
  input: listKeysInput,
  handler: async ({ input, auth }) => {
    const { keys, pagination } = await listKeys({ db: await getDb(), session: auth, input });
    // The SDK's response model requires `pagination` on every page (cursor omitted on the last).
    return new Reply(keys, { pagination });
  },
});
