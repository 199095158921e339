// POST /v2/identities.listIdentities — list identities, a page at a time
import { route } from "@/lib/api/route";
import { rootKeyAuth } from "@/lib/auth/root-key";
import { listIdentities, listIdentitiesInput } from "@/lib/identities/list-identities";
import { identityListOutput } from "@/lib/identities/responses";

export const POST = route({
  summary: "list identities, a page at a time",
  auth: rootKeyAuth,
  input: listIdentitiesInput,
  output: identityListOutput,
  paginated: true,
  handler: async ({ db, input, auth }) => listIdentities({ db, auth, input }),
});
