// POST /v2/portal.listKeys — the portal session's end user's keys (portal cookie or Bearer token)
import { Reply } from "@/lib/api/reply";
import { route } from "@/lib/api/route";
import { portalSessionAuth } from "@/lib/portal-sessions/authenticate";
import { listKeys, listKeysInput } from "@/lib/portal-sessions/list-keys";
import { portalKeyListOutput } from "@/lib/portal-sessions/responses";

export const POST = route({
  summary: "the portal session's end user's keys (portal cookie or Bearer token)",
  auth: portalSessionAuth,
  input: listKeysInput,
  output: portalKeyListOutput,
  paginated: true,
  handler: async ({ db, input, auth }) => {
    const { keys, pagination } = await listKeys({ db, session: auth, input });
    // The SDK's response model requires `pagination` on every page (cursor omitted on the last).
    return new Reply(keys, { pagination });
  },
});
