// POST /v2/identities.listIdentities — list identities, a page at a time
import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { rootKeyAuth } from "@/lib/auth/root-key";
import { listIdentities, listIdentitiesInput } from "@/lib/identities/list-identities";

export const POST = route({
  auth: rootKeyAuth,
  input: listIdentitiesInput,
  handler: async ({ input, auth }) => listIdentities({ db: await getDb(), auth, input }),
});
